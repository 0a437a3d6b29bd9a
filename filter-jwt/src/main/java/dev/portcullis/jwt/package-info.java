/**
 * The JWT access-token mechanism ({@code jwt}, RFC 9068): a token's signature is checked against
 * its issuer's key set (JWKS, fetched over a bounded HTTP client, refreshed on an unknown key id
 * and served from the last good copy for a bounded window when the endpoint is down), then its
 * claims. Algorithms are pinned; {@code none} and JWE are refused. Only the factory is public; this
 * is the only module that depends on jose4j.
 */
package dev.portcullis.jwt;
