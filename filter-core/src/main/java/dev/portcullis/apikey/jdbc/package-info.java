/**
 * The {@code jdbc} API key store: key records in a database table, read through a {@link
 * javax.sql.DataSource} found by JNDI ({@link dev.portcullis.apikey.jdbc.JdbcApiKeyStoreFactory})
 * or given directly ({@link dev.portcullis.apikey.jdbc.JdbcApiKeyStore#create}).
 *
 * <p>The table ({@code portcullis_api_keys} unless {@code apiKey.table} says otherwise); DDL for
 * PostgreSQL and H2 ships as {@code dev/portcullis/apikey/jdbc/postgresql.sql} and {@code h2.sql}:
 *
 * <table>
 *   <caption>Columns</caption>
 *   <tr><th>column</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>id</td><td>VARCHAR(16), primary key</td><td>the public key id (16 hex digits)</td></tr>
 *   <tr><td>hash</td><td>VARCHAR(100)</td><td>{@code sha256:} or {@code hmac-sha256:} and the
 *       base64url hash of the whole key; never the key</td></tr>
 *   <tr><td>principal</td><td>VARCHAR(255)</td><td>the principal name</td></tr>
 *   <tr><td>scopes</td><td>VARCHAR(2000)</td><td>space-separated scopes</td></tr>
 *   <tr><td>roles</td><td>VARCHAR(2000)</td><td>comma-separated roles</td></tr>
 *   <tr><td>expires_at</td><td>TIMESTAMP WITH TIME ZONE, null</td><td>end of validity, null for
 *       never</td></tr>
 *   <tr><td>revoked</td><td>BOOLEAN</td><td>refused when true</td></tr>
 *   <tr><td>created_at</td><td>TIMESTAMP WITH TIME ZONE</td><td>set on insert</td></tr>
 *   <tr><td>last_used_at</td><td>TIMESTAMP WITH TIME ZONE, null</td><td>written in batches, precise
 *       to the flush interval</td></tr>
 * </table>
 */
package dev.portcullis.apikey.jdbc;
