/**
 * The API-key mechanism ({@code apiKey}): a key presented as {@code Authorization: ApiKey <key>} or
 * in a configured header is hashed and looked up in an {@link dev.portcullis.apikey.ApiKeyStore} (a
 * file, or a database in {@code dev.portcullis.apikey.jdbc}), found by name through {@link
 * dev.portcullis.apikey.ApiKeyStoreFactory}. {@link dev.portcullis.apikey.ApiKeyTool} mints keys
 * and their hashes from the command line.
 */
package dev.portcullis.apikey;
