package dev.portcullis.admin;

import dev.portcullis.http.OutboundHttp;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub's secret-scanning public keys, fetched from a configured URL in GitHub's JSON shape
 * ({@code {"public_keys":[{"key_identifier":"…","key":"-----BEGIN PUBLIC KEY-----…","is_current":
 * true}]}}) through a bounded client with its own trust store, and kept for a time to live. An
 * unknown key identifier fetches again, at most once per {@link #MIN_REFETCH}, so forged
 * identifiers cannot make this node hammer the URL.
 */
final class GitHubPublicKeys {
  /** The least time between two fetches caused by unknown key identifiers. */
  static final Duration MIN_REFETCH = Duration.ofSeconds(30);

  /** The most keys read from one document. */
  static final int MAX_KEYS = 32;

  private static final System.Logger LOG = System.getLogger(GitHubPublicKeys.class.getName());

  private final OutboundHttp http;
  private final URI url;
  private final Duration ttl;
  private final Clock clock;
  private Map<String, PublicKey> keys = Map.of();
  private Instant fetchedAt;

  GitHubPublicKeys(OutboundHttp http, URI url, Duration ttl, Clock clock) {
    this.http = http;
    this.url = url;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** The key of an identifier: cached, fetched when stale or unknown (bounded), else empty. */
  synchronized Optional<PublicKey> key(String identifier) {
    Instant now = clock.instant();
    boolean stale = fetchedAt == null || !now.isBefore(fetchedAt.plus(ttl));
    boolean unknown = !keys.containsKey(identifier);
    if (stale || (unknown && !now.isBefore(fetchedAt.plus(MIN_REFETCH)))) {
      fetch(now);
    }
    return Optional.ofNullable(keys.get(identifier));
  }

  private void fetch(Instant now) {
    fetchedAt = now;
    try {
      OutboundHttp.Response response =
          http.send(http.request(url).header("Accept", "application/json").GET().build());
      if (response.status() != 200 || response.body() == null) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Secret-scanning public keys at {0}: status {1} or body too large; keeping {2} keys",
            url,
            response.status(),
            keys.size());
        return;
      }
      keys = parse(response.body());
    } catch (IOException | RuntimeException | GeneralSecurityException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Secret-scanning public keys at {0} not read ({1}); keeping {2} keys",
          url,
          e.getMessage(),
          keys.size());
    }
  }

  /** The EC keys of a document; anything malformed fails the whole document. */
  static Map<String, PublicKey> parse(byte[] document) throws GeneralSecurityException {
    JsonObject json;
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(document))) {
      json = reader.readObject();
    } catch (JsonException | IllegalStateException | IllegalArgumentException e) {
      // IllegalArgumentException: JSON-P's NumberFormatException for a number like 1e2147483648
      throw new GeneralSecurityException("not a JSON object");
    }
    Map<String, PublicKey> parsed = new HashMap<>();
    KeyFactory ec = KeyFactory.getInstance("EC");
    for (JsonValue value : json.getJsonArray("public_keys")) {
      if (parsed.size() == MAX_KEYS) {
        break;
      }
      JsonObject entry = value.asJsonObject();
      String pem =
          entry
              .getString("key")
              .replace("-----BEGIN PUBLIC KEY-----", "")
              .replace("-----END PUBLIC KEY-----", "")
              .replaceAll("\\s", "");
      parsed.put(
          entry.getString("key_identifier"),
          ec.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem))));
    }
    return Map.copyOf(parsed);
  }
}
