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
 * roles} comma-separated, {@code expires} an ISO-8601 instant, {@code revoked} {@code true} or
 * {@code false}. The optional {@code name}, {@code tenant}, {@code environment} and {@code
 * meta.<entry>} fields are the key's {@link KeyMetadata}, checked by its rules; files without them
 * load as before.
 */
final class ApiKeyFile {
  private static final Pattern HASH = Pattern.compile("(sha256|hmac-sha256):[A-Za-z0-9_-]{43}");
  private static final Set<String> FIELDS =
      Set.of(
          "hash",
          "principal",
          "scopes",
          "roles",
          "expires",
          "revoked",
          "name",
          "tenant",
          "environment");
  private static final String META = "meta.";

  private ApiKeyFile() {}

  /** Reads and validates the file; the message of a failure names the key id, never a value. */
  static Map<String, ApiKeyRecord> read(Path path) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, ApiKeyRecord> records = new HashMap<>();
    for (String id : properties.stringPropertyNames()) {
      records.put(id, parse(id, properties.getProperty(id)));
    }
    return Map.copyOf(records);
  }

  static ApiKeyRecord parse(String id, String value) {
    if (!ApiKeyFormat.ID.matcher(id).matches()) {
      throw new IllegalArgumentException("key id [" + id + "] is not 16 lowercase hex digits");
    }
    Map<String, String> fields = new HashMap<>();
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
    String hash = fields.get("hash");
    if (hash == null || !HASH.matcher(hash).matches()) {
      throw new IllegalArgumentException(
          "key id [" + id + "]: hash must be sha256:<43 base64url> or hmac-sha256:<43 base64url>");
    }
    String principal = fields.get("principal");
    if (principal == null || principal.isEmpty()) {
      throw new IllegalArgumentException("key id [" + id + "]: principal is required");
    }
    String revoked = fields.getOrDefault("revoked", "false");
    if (!revoked.equals("true") && !revoked.equals("false")) {
      throw new IllegalArgumentException("key id [" + id + "]: revoked must be true or false");
    }
    Instant expires = null;
    if (fields.containsKey("expires")) {
      try {
        expires = Instant.parse(fields.get("expires"));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "key id [" + id + "]: expires is not an ISO-8601 instant", e);
      }
    }
    return new ApiKeyRecord(
        id,
        hash,
        principal,
        new LinkedHashSet<>(Lists.split(fields.get("scopes"), ' ')),
        new LinkedHashSet<>(Lists.split(fields.get("roles"), ',')),
        expires,
        revoked.equals("true"),
        metadata(id, fields));
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

  /**
   * The line of a record, as {@link #read} reads it back.
   *
   * @param record the record; its scopes and roles must not contain {@code ;}
   * @return {@code <id>=hash=…;principal=…;scopes=…;roles=…} and the optional fields
   */
  static String line(ApiKeyRecord record) {
    StringBuilder line = new StringBuilder(record.id()).append("=hash=").append(record.hash());
    line.append(";principal=").append(record.principal());
    line.append(";scopes=").append(String.join(" ", record.scopes()));
    line.append(";roles=").append(String.join(",", record.roles()));
    if (record.expiresAt() != null) {
      line.append(";expires=").append(record.expiresAt());
    }
    if (record.revoked()) {
      line.append(";revoked=true");
    }
    KeyMetadata metadata = record.metadata();
    append(line, "name", metadata.name());
    append(line, "tenant", metadata.tenant());
    append(line, "environment", metadata.environment());
    metadata.entries().forEach((name, value) -> append(line, META + name, value));
    return line.toString();
  }

  private static void append(StringBuilder line, String field, String value) {
    if (value != null) {
      line.append(';').append(field).append('=').append(value);
    }
  }
}
