/**
 * The client-certificate mechanism ({@code mtls}): the certificate comes from the TLS session or
 * from a trusted proxy's header (RFC 9440, XFCC), is validated to configured trust anchors (PKIX),
 * and names the principal and roles. It also checks RFC 8705 certificate binding of tokens that
 * other mechanisms authenticated. Only the factory is public.
 */
package dev.portcullis.mtls;
