/**
 * Outbound HTTP, the one copy: {@link dev.portcullis.http.OutboundHttp} is the bounded client every
 * call to another server goes through (identity provider discovery, JWKS, introspection, GitHub's
 * secret-scanning keys): connect and read timeouts, one deadline per exchange, a size cap on the
 * body, no redirects, verified TLS. {@link dev.portcullis.http.Endpoints} is the one rule for the
 * URLs a setting may name: {@code https}, or {@code http} on a loopback address only.
 */
package dev.portcullis.http;
