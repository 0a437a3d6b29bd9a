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
 * (three dot-separated segments whose first decodes to a JSON object with an {@code alg} member) is
 * introspected only when its {@code iss} is one of the issuers named in {@value
 * IntrospectionAuthenticatorFactory#JWT_ISSUERS}; anything else JWT-shaped is refused {@code 401
 * invalid_token} without a call. The peek is bounded ({@value #MAX_SEGMENT} characters per segment)
 * and never throws on garbage; it runs only on a cache miss.
 */
final class JwtIssuers {
  /** The longest header or payload segment examined; a longer one is refused unexamined. */
  static final int MAX_SEGMENT = 16 * 1024;

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
    if (second < 0 || token.indexOf('.', second + 1) >= 0) {
      return true; // not three segments: an opaque token
    }
    if (first > MAX_SEGMENT || second - first - 1 > MAX_SEGMENT) {
      return false;
    }
    JsonObject header = object(token, 0, first);
    if (header == null || !header.containsKey("alg")) {
      return true; // three segments, but no JOSE header: an opaque token
    }
    JsonObject payload = object(token, first + 1, second);
    return payload != null
        && payload.get("iss") instanceof JsonString iss
        && allowed.contains(iss.getString());
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
