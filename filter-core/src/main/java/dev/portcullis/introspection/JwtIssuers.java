package dev.portcullis.introspection;

import dev.portcullis.AuthError;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Keeps JWTs of unknown issuers away from the authorization server. A token that is JWT-shaped
 * (three dot-separated segments, a JWS, or five, a JWE, whose first decodes to a JSON object with
 * an {@code alg} member) is introspected only when its {@code iss} (a JWE's in its header, RFC 7519
 * §5.3, its claims being encrypted) is one of the issuers named in {@value
 * IntrospectionAuthenticatorFactory#JWT_ISSUERS}; anything else JWT-shaped is refused {@code 401
 * invalid_token} without a call. The peek is bounded ({@value #MAX_SEGMENT} characters per segment)
 * and never throws on garbage; it runs only on a cache miss.
 */
final class JwtIssuers {
  /** The longest header or payload segment examined; a longer one is refused unexamined. */
  static final int MAX_SEGMENT = 16 * 1024;

  private static final int JWS_SEGMENTS = 3;
  private static final int JWE_SEGMENTS = 5;

  static final AuthError UNKNOWN_ISSUER =
      AuthError.invalidToken("The access token is invalid").withReason("unknown_issuer");

  private final Set<String> allowed;
  private final JsonReaderFactory json;

  JwtIssuers(Set<String> allowed, JsonReaderFactory json) {
    this.allowed = Set.copyOf(allowed);
    this.json = json;
  }

  /**
   * Whether the token may be sent to the authorization server: it is not JWT-shaped, or its {@code
   * iss} is one to introspect.
   */
  boolean mayIntrospect(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    int segments = second < 0 ? 0 : segments(token, second);
    if (segments != JWS_SEGMENTS && segments != JWE_SEGMENTS) {
      return true; // neither three nor five segments: an opaque token
    }
    if (first > MAX_SEGMENT || segments == JWS_SEGMENTS && second - first - 1 > MAX_SEGMENT) {
      return false;
    }
    JsonObject header = object(token, 0, first);
    if (header == null || !header.containsKey("alg")) {
      return true; // no JOSE header: an opaque token
    }
    // a JWE's claims are encrypted: only an iss replicated in its header (RFC 7519 §5.3) names one
    JsonObject claims = segments == JWE_SEGMENTS ? header : object(token, first + 1, second);
    return claims != null
        && claims.get("iss") instanceof JsonString iss
        && allowed.contains(iss.getString());
  }

  /** The number of segments, counting no further than one past a JWE's. */
  private static int segments(String token, int second) {
    int segments = JWS_SEGMENTS;
    for (int dot = token.indexOf('.', second + 1);
        dot >= 0 && segments <= JWE_SEGMENTS;
        dot = token.indexOf('.', dot + 1)) {
      segments++;
    }
    return segments;
  }

  /** The segment as a JSON object, or null when it is not base64url of one. */
  private JsonObject object(String token, int from, int to) {
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(token.substring(from, to));
      try (JsonReader reader =
          json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
        return reader.read() instanceof JsonObject o ? o : null;
      }
    } catch (IllegalArgumentException | JsonException e) {
      return null;
    }
  }
}
