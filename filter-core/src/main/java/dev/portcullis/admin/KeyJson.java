package dev.portcullis.admin;

import dev.portcullis.apikey.ApiKeyRecord;
import dev.portcullis.apikey.KeyLifecycle;
import dev.portcullis.apikey.KeyListing;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The JSON of the key admin API, in the key tool's words: {@code id}, {@code name}, {@code
 * principal}, {@code scopes}, {@code roles}, {@code created}, {@code expires}, {@code lastUsed},
 * {@code state}, and {@code key} once, in the answer that made it. Never a hash.
 */
final class KeyJson {
  /** The largest request body read. */
  static final int MAX_BODY = 16 * 1024;

  private KeyJson() {}

  static JsonObjectBuilder listing(KeyListing listing, Instant now) {
    ApiKeyRecord r = listing.record();
    JsonObjectBuilder json = Json.createObjectBuilder().add("id", r.id());
    if (r.metadata().name() == null) {
      json.addNull("name");
    } else {
      json.add("name", r.metadata().name());
    }
    json.add("principal", r.principal())
        .add("scopes", array(r.scopes()))
        .add("roles", array(r.roles()));
    instant(json, "created", listing.created());
    instant(json, "expires", r.expiresAt());
    instant(json, "lastUsed", listing.lastUsed());
    return json.add("state", listing.state(now).label());
  }

  static JsonObjectBuilder created(KeyLifecycle.Created created, Instant now) {
    return listing(new KeyListing(created.record(), now, null), now).add("key", created.key());
  }

  private static JsonArrayBuilder array(Set<String> values) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    values.forEach(array::add);
    return array;
  }

  private static void instant(JsonObjectBuilder json, String name, Instant value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value.toString());
    }
  }

  /** Reads a JSON object of at most {@link #MAX_BODY} bytes with only the {@code allowed} names. */
  static JsonObject read(InputStream body, Set<String> allowed) {
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : body.readNBytes(MAX_BODY + 1);
    } catch (IOException e) {
      throw Problems.of(Response.Status.BAD_REQUEST, "The body could not be read");
    }
    if (bytes.length > MAX_BODY) {
      throw Problems.of(
          Response.Status.REQUEST_ENTITY_TOO_LARGE, "The body exceeds " + MAX_BODY + " bytes");
    }
    if (bytes.length == 0) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    JsonObject json;
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
      json = reader.readObject();
    } catch (JsonException | IllegalStateException | IllegalArgumentException e) {
      // IllegalArgumentException: JSON-P's NumberFormatException for a number like 1e2147483648
      throw Problems.of(Response.Status.BAD_REQUEST, "The body is not a JSON object");
    }
    for (String name : json.keySet()) {
      if (!allowed.contains(name)) {
        throw Problems.of(
            Response.Status.BAD_REQUEST,
            "Unknown member \"" + clean(name) + "\"; expected " + allowed);
      }
    }
    return json;
  }

  static String string(JsonObject json, String name) {
    JsonValue value = json.get(name);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (!(value instanceof JsonString text)) {
      throw Problems.of(Response.Status.BAD_REQUEST, "\"" + name + "\" must be a string");
    }
    return text.getString();
  }

  static Set<String> strings(JsonObject json, String name) {
    Set<String> values = new LinkedHashSet<>();
    JsonValue value = json.get(name);
    if (value == null || value == JsonValue.NULL) {
      return values;
    }
    if (value.getValueType() != JsonValue.ValueType.ARRAY
        || !value.asJsonArray().stream().allMatch(JsonString.class::isInstance)) {
      throw Problems.of(
          Response.Status.BAD_REQUEST, "\"" + name + "\" must be an array of strings");
    }
    value.asJsonArray().forEach(v -> values.add(((JsonString) v).getString()));
    return values;
  }

  /** An ISO-8601 instant, or null for JSON null or a missing member. */
  static Instant instant(JsonObject json, String name) {
    String text = string(json, name);
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw Problems.of(
          Response.Status.BAD_REQUEST,
          "\"" + name + "\" must be an ISO-8601 instant such as 2027-01-01T00:00:00Z");
    }
  }

  /** A member name fit to echo: printable ASCII, at most 64 characters. */
  private static String clean(String name) {
    String printable = name.replaceAll("[^\\x20-\\x7E]", "?");
    return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
  }
}
