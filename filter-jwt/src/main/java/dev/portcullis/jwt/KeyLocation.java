package dev.portcullis.jwt;

import dev.portcullis.http.Endpoints;
import dev.portcullis.jose.MalformedJson;
import dev.portcullis.jose.StrictJson;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Where an issuer's JWKS lives: a configured {@code jwksUri}, or the {@code jwks_uri} of the
 * issuer's metadata, read from {@code <issuer>/.well-known/openid-configuration} or else from the
 * RFC 8414 address {@code <origin>/.well-known/oauth-authorization-server<path>}. The metadata's
 * {@code issuer} must equal the configured issuer exactly (RFC 8414 §3.3). A discovered address is
 * remembered; a failed discovery is retried with the next refresh.
 */
final class KeyLocation {
  private final String issuer;
  private volatile URI jwksUri;

  private KeyLocation(String issuer, URI jwksUri) {
    this.issuer = issuer;
    this.jwksUri = jwksUri;
  }

  static KeyLocation fixed(String issuer, URI jwksUri) {
    return new KeyLocation(issuer, jwksUri);
  }

  static KeyLocation discovered(String issuer) {
    return new KeyLocation(issuer, null);
  }

  /**
   * The JWKS address, discovering it on first use.
   *
   * @param fetcher the bounded HTTP client
   * @return the address
   * @throws IOException when discovery fails
   */
  URI jwksUri(HttpFetcher fetcher) throws IOException {
    URI known = jwksUri;
    if (known != null) {
      return known;
    }
    IOException failure = null;
    for (URI metadata : metadataUris(issuer)) {
      try {
        URI found = read(fetcher.get(metadata).body());
        jwksUri = found;
        return found;
      } catch (IOException e) {
        failure = e;
      }
    }
    throw failure;
  }

  static List<URI> metadataUris(String issuer) {
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    URI u = URI.create(base);
    String origin = u.getScheme() + "://" + u.getRawAuthority();
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    return List.of(
        URI.create(base + "/.well-known/openid-configuration"),
        URI.create(origin + "/.well-known/oauth-authorization-server" + path));
  }

  private URI read(byte[] body) throws IOException {
    Map<String, Object> doc;
    try {
      doc = StrictJson.parseObject(body);
    } catch (MalformedJson e) {
      throw new IOException("Metadata of issuer " + issuer + " is not strict JSON");
    }
    if (!issuer.equals(doc.get("issuer"))) {
      throw new IOException("Metadata names another issuer than " + issuer);
    }
    if (!(doc.get("jwks_uri") instanceof String s)) {
      throw new IOException("Metadata of issuer " + issuer + " has no jwks_uri");
    }
    URI uri;
    try {
      uri = URI.create(s);
    } catch (IllegalArgumentException e) {
      throw new IOException("Metadata of issuer " + issuer + " has a malformed jwks_uri");
    }
    if (!Endpoints.allowed(uri)) {
      throw new IOException("Metadata of issuer " + issuer + " has a jwks_uri that is not https");
    }
    return uri;
  }
}
