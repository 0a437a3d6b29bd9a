package dev.portcullis.ephemeral;

import dev.portcullis.EphemeralKeys;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads the optional JSON body of a mint request strictly: known members of the right types only.
 */
final class MintRequest {
  private static final Set<String> MEMBERS = Set.of("scopes", "expires_in", "single_use", "origin");

  private MintRequest() {}

  /**
   * The request of {@code body}; an empty body asks for the defaults.
   *
   * @throws IllegalArgumentException for a body too large, not a JSON object, with unknown members
   *     or members of the wrong type
   */
  static EphemeralKeys.Request parse(byte[] body) {
    if (body.length > EphemeralKeyResource.MAX_BODY) {
      throw new IllegalArgumentException("body too large");
    }
    if (new String(body, StandardCharsets.UTF_8).isBlank()) {
      return EphemeralKeys.Request.DEFAULTS;
    }
    JsonObject json;
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
      json = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new IllegalArgumentException("not a JSON object", e);
    }
    if (!MEMBERS.containsAll(json.keySet())) {
      throw new IllegalArgumentException("unknown member");
    }
    return new EphemeralKeys.Request(
        scopes(json.get("scopes")),
        lifetime(json.get("expires_in")),
        singleUse(json.get("single_use")),
        json.containsKey("origin") ? string(json.get("origin")) : null);
  }

  private static Set<String> scopes(JsonValue value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      throw new IllegalArgumentException("scopes not an array");
    }
    Set<String> scopes = new LinkedHashSet<>();
    for (JsonValue item : array) {
      scopes.add(string(item));
    }
    return scopes;
  }

  private static Duration lifetime(JsonValue value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
      throw new IllegalArgumentException("expires_in not an integer");
    }
    try {
      return Duration.ofSeconds(number.longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("expires_in out of range", e);
    }
  }

  private static boolean singleUse(JsonValue value) {
    if (value == null || value.getValueType() == JsonValue.ValueType.FALSE) {
      return false;
    }
    if (value.getValueType() == JsonValue.ValueType.TRUE) {
      return true;
    }
    throw new IllegalArgumentException("single_use not a boolean");
  }

  private static String string(JsonValue value) {
    if (!(value instanceof JsonString string)) {
      throw new IllegalArgumentException("not a string");
    }
    return string.getString();
  }
}
