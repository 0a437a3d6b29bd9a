package dev.portcullis.apikey;

import dev.portcullis.config.Lists;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Parses the key file: Java properties, one line per key id.
 *
 * <pre>
 * ec1903ce1d43aa67=hash=sha256:ys6n...;principal=alice;scopes=orders:read orders:write;roles=admin
 * 3d0e436378c51b6d=hash=sha256:ShW2...;principal=carol;expires=2027-01-01T00:00:00Z;revoked=true
 * 9a1f00c2b7e4d311=hash=sha256:Qm4x...;principal=ci;name=CI deploys;tenant=acme;environment=test;meta.team=payments
 * </pre>
 *
 * <p>{@code hash} and {@code principal} are required; {@code scopes} are space-separated, {@code
 * roles} comma-separated, {@code expires} and {@code created} ISO-8601 instants, {@code revoked}
 * and {@code disabled} {@code true} or {@code false}. The optional {@code name}, {@code tenant},
 * {@code environment} and {@code meta.<entry>} fields are the key's {@link KeyMetadata}, checked by
 * its rules; files without them load as before.
 */
final class ApiKeyFile {
  private static final Pattern HASH = Pattern.compile("(sha256|hmac-sha256):[A-Za-z0-9_-]{43}");
  private static final String META = "meta.";

  /** The fields a key line may have, besides {@code meta.<entry>}. */
  static final Set<String> FIELDS =
      Set.of(
          "hash",
          "principal",
          "scopes",
          "roles",
          "expires",
          "revoked",
          "disabled",
          "created",
          "name",
          "tenant",
          "environment");

  private ApiKeyFile() {}

  /** Reads and validates the file; the message of a failure names the key id, never a value. */
  static Map<String, ApiKeyRecord> read(Path path) throws IOException {
    Map<String, ApiKeyRecord> records = new HashMap<>();
    readAll(path).forEach((id, listing) -> records.put(id, listing.record()));
    return Map.copyOf(records);
  }

  /** Reads and validates the file, with each key's creation time (last use is not in it). */
  static Map<String, KeyListing> readAll(Path path) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, KeyListing> listings = new HashMap<>();
    for (String id : properties.stringPropertyNames()) {
      Map<String, String> fields = fields(id, properties.getProperty(id));
      listings.put(id, new KeyListing(parse(id, fields), instant(id, fields, "created"), null));
    }
    return Map.copyOf(listings);
  }

  static ApiKeyRecord parse(String id, String value) {
    return parse(id, fields(id, value));
  }

  /** The fields of a key line, in their order; unknown, malformed or repeated ones are refused. */
  static Map<String, String> fields(String id, String value) {
    if (!ApiKeyFormat.ID.matcher(id).matches()) {
      throw new IllegalArgumentException("key id [" + id + "] is not 16 lowercase hex digits");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String part : value.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part.trim() : part.substring(0, eq).trim();
      if (eq < 0 || fields.put(name, part.substring(eq + 1).trim()) != null) {
        throw new IllegalArgumentException(
            "key id [" + id + "]: malformed or repeated field [" + name + "]");
      }
    }
    for (String name : fields.keySet()) {
      if (!FIELDS.contains(name) && !name.startsWith(META)) {
        throw new IllegalArgumentException("key id [" + id + "]: unknown field [" + name + "]");
      }
    }
    return fields;
  }

  /**
   * The fields of a record, over the {@code existing} fields of its line so that fields this
   * version does not write keep their place.
   */
  static Map<String, String> fields(ApiKeyRecord record, Map<String, String> existing) {
    Map<String, String> fields = new LinkedHashMap<>(existing);
    fields.put("hash", record.hash());
    fields.put("principal", record.principal());
    fields.put("scopes", String.join(" ", record.scopes()));
    fields.put("roles", String.join(",", record.roles()));
    optional(fields, "expires", record.expiresAt() == null ? null : record.expiresAt().toString());
    optional(fields, "revoked", record.revoked() ? "true" : null);
    optional(fields, "disabled", record.disabled() ? "true" : null);
    KeyMetadata metadata = record.metadata();
    optional(fields, "name", metadata.name());
    optional(fields, "tenant", metadata.tenant());
    optional(fields, "environment", metadata.environment());
    fields.keySet().removeIf(name -> name.startsWith(META));
    metadata.entries().forEach((name, value) -> fields.put(META + name, value));
    return fields;
  }

  /**
   * The line of a new record, as {@link #read} reads it back.
   *
   * @param record the record; its scopes and roles must not contain {@code ;}
   * @return {@code <id>=hash=…;principal=…;scopes=…;roles=…} and the optional fields
   */
  static String line(ApiKeyRecord record) {
    return line(record.id(), fields(record, Map.of()));
  }

  private static void optional(Map<String, String> fields, String name, String value) {
    if (value == null) {
      fields.remove(name);
    } else {
      fields.put(name, value);
    }
  }

  /** The key line of these fields. */
  static String line(String id, Map<String, String> fields) {
    StringBuilder line = new StringBuilder(id).append('=');
    fields.forEach((name, value) -> line.append(name).append('=').append(value).append(';'));
    line.setLength(line.length() - 1);
    return line.toString().replace("\\", "\\\\");
  }

  static ApiKeyRecord parse(String id, Map<String, String> fields) {
    String hash = fields.get("hash");
    if (hash == null || !HASH.matcher(hash).matches()) {
      throw new IllegalArgumentException(
          "key id [" + id + "]: hash must be sha256:<43 base64url> or hmac-sha256:<43 base64url>");
    }
    String principal = fields.get("principal");
    if (principal == null || principal.isEmpty()) {
      throw new IllegalArgumentException("key id [" + id + "]: principal is required");
    }
    return new ApiKeyRecord(
        id,
        hash,
        principal,
        new LinkedHashSet<>(Lists.split(fields.get("scopes"), ' ')),
        new LinkedHashSet<>(Lists.split(fields.get("roles"), ',')),
        instant(id, fields, "expires"),
        flag(id, fields, "revoked"),
        metadata(id, fields),
        flag(id, fields, "disabled"));
  }

  private static boolean flag(String id, Map<String, String> fields, String name) {
    String value = fields.getOrDefault(name, "false");
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException("key id [" + id + "]: " + name + " must be true or false");
    }
    return value.equals("true");
  }

  private static Instant instant(String id, Map<String, String> fields, String name) {
    if (!fields.containsKey(name)) {
      return null;
    }
    try {
      return Instant.parse(fields.get(name));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "key id [" + id + "]: " + name + " is not an ISO-8601 instant", e);
    }
  }

  private static KeyMetadata metadata(String id, Map<String, String> fields) {
    Map<String, String> entries = new TreeMap<>();
    fields.forEach(
        (name, value) -> {
          if (name.startsWith(META)) {
            entries.put(name.substring(META.length()), value);
          }
        });
    try {
      return new KeyMetadata(
          blankToNull(fields.get("name")),
          blankToNull(fields.get("tenant")),
          blankToNull(fields.get("environment")),
          entries);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key id [" + id + "]: " + e.getMessage(), e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
