package dev.portcullis.admin;

import dev.portcullis.Fingerprint;
import dev.portcullis.apikey.KeyLifecycle;
import dev.portcullis.apikey.KeyStoreAccessException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Handles an alert of GitHub's secret-scanning partner program: checks the ECDSA P-256 / SHA-256
 * signature ({@code Github-Public-Key-Signature}, base64 DER) over the raw body with the public key
 * named by {@code Github-Public-Key-Identifier}, then revokes each reported string that is one of
 * our keys (prefix, checksum and stored hash) and answers GitHub's feedback: per token its SHA-256
 * ({@code token_hash}, never the token), {@code token_type} and {@code label} ({@code
 * true_positive} for our keys, revoked now or before; {@code false_positive} otherwise). An
 * unsigned or forged alert changes nothing; the same alert twice revokes once.
 */
final class LeakedKeyAlerts {
  /** The most tokens handled from one alert. */
  static final int MAX_TOKENS = 1000;

  private static final System.Logger AUDIT = System.getLogger("dev.portcullis.audit");

  private final GitHubPublicKeys publicKeys;

  /** What to answer: a status and a JSON body. */
  record Answer(int status, String body) {}

  LeakedKeyAlerts(GitHubPublicKeys publicKeys) {
    this.publicKeys = publicKeys;
  }

  Answer handle(byte[] body, String keyId, String signature, Optional<KeyLifecycle> keys) {
    if (keyId == null || signature == null || !verified(body, keyId, signature)) {
      return problem(401, "Unauthorized", "The alert is not signed by a current GitHub key");
    }
    if (keys.isEmpty()) {
      return problem(503, "Service Unavailable", "No API key store can be changed here");
    }
    JsonArray alerts;
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
      alerts = reader.readArray();
    } catch (JsonException | IllegalStateException | IllegalArgumentException e) {
      // IllegalArgumentException: JSON-P's NumberFormatException for a number like 1e2147483648
      return problem(400, "Bad Request", "The alert is not a JSON array");
    }
    if (alerts.size() > MAX_TOKENS) {
      return problem(413, "Content Too Large", "More than " + MAX_TOKENS + " tokens");
    }
    JsonArrayBuilder feedback = Json.createArrayBuilder();
    try {
      for (JsonValue value : alerts) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
          return problem(400, "Bad Request", "Each alert entry must be an object");
        }
        feedback.add(feedback(value.asJsonObject(), keys.get()));
      }
    } catch (KeyStoreAccessException e) {
      return problem(503, "Service Unavailable", "The key store is unavailable");
    }
    return new Answer(200, feedback.build().toString());
  }

  private static JsonObject feedback(JsonObject alert, KeyLifecycle keys)
      throws KeyStoreAccessException {
    String token = alert.getString("token", "");
    String type = alert.getString("type", "");
    KeyLifecycle.LeakOutcome outcome = keys.revokeLeaked(token);
    String hash = sha256(token);
    if (outcome != KeyLifecycle.LeakOutcome.NOT_OURS) {
      AUDIT.log(
          System.Logger.Level.WARNING,
          "event=key_leaked outcome={0} credential={1} source={2} url={3}",
          outcome.name().toLowerCase(java.util.Locale.ROOT),
          Fingerprint.forLog(Fingerprint.of(token)),
          clean(alert.getString("source", "")),
          clean(alert.getString("url", "")));
    }
    return Json.createObjectBuilder()
        .add("token_hash", hash)
        .add("token_type", type)
        .add(
            "label",
            outcome == KeyLifecycle.LeakOutcome.NOT_OURS ? "false_positive" : "true_positive")
        .build();
  }

  private boolean verified(byte[] body, String keyId, String signature) {
    Optional<PublicKey> key = publicKeys.key(keyId);
    if (key.isEmpty()) {
      return false;
    }
    try {
      Signature ecdsa = Signature.getInstance("SHA256withECDSA");
      ecdsa.initVerify(key.get());
      ecdsa.update(body);
      return ecdsa.verify(Base64.getDecoder().decode(signature.strip()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String sha256(String token) {
    return HexFormat.of().formatHex(Fingerprint.sha256(token.getBytes(StandardCharsets.UTF_8)));
  }

  /** Printable ASCII, at most 200 characters, for the audit line. */
  private static String clean(String value) {
    String printable = value.replaceAll("[^\\x21-\\x7E]", "_");
    return printable.length() > 200 ? printable.substring(0, 200) : printable;
  }

  /** The answer to a body above {@link LeakedKeyServlet#MAX_BODY}. */
  static Answer tooLarge() {
    return problem(
        413, "Content Too Large", "The alert exceeds " + LeakedKeyServlet.MAX_BODY + " bytes");
  }

  private static Answer problem(int status, String title, String detail) {
    return new Answer(
        status,
        Json.createObjectBuilder()
            .add("type", "about:blank")
            .add("title", title)
            .add("status", status)
            .add("detail", detail)
            .build()
            .toString());
  }
}
