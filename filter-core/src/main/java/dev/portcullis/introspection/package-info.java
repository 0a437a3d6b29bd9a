/**
 * The opaque bearer-token mechanism ({@code introspection}): a token is checked by an RFC 7662
 * introspection call to the authorization server, over a bounded HTTP client, with the answer
 * cached by fingerprint no longer than the token's own expiry, and a last good answer served for a
 * bounded window while the server is down. Only the factory is public.
 */
package dev.portcullis.introspection;
