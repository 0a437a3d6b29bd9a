package dev.portcullis.apikey;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an operator notes about a key: a name, the owner or tenant, the environment, and a small map
 * of further strings. Bounded and checked when built, so every store (the key file, the JDBC table,
 * the key tool) refuses the same things: at most {@value #MAX_ENTRIES} map entries, entry names of
 * the form {@link #ENTRY_NAME}, and values of 1 to {@value #MAX_VALUE_LENGTH} characters without
 * {@code ;}, {@code \}, control characters or surrounding white space. A failure names the field,
 * never a value.
 *
 * @param name what the key is for, or null
 * @param tenant the owner or tenant the key belongs to, or null
 * @param environment the environment the key is meant for (for example {@code production}), or null
 * @param entries further values by name, in their order; empty when none
 */
public record KeyMetadata(
    String name, String tenant, String environment, Map<String, String> entries) {

  /** No metadata. */
  public static final KeyMetadata NONE = new KeyMetadata(null, null, null, Map.of());

  /** The most entries the map holds. */
  public static final int MAX_ENTRIES = 16;

  /** The longest value, in characters. */
  public static final int MAX_VALUE_LENGTH = 256;

  /** What an entry name may be: a letter, then up to 63 letters, digits, {@code _ . -}. */
  public static final Pattern ENTRY_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

  /**
   * Checks every value and copies the map, keeping its order.
   *
   * @param name what the key is for, or null
   * @param tenant the owner or tenant, or null
   * @param environment the environment, or null
   * @param entries further values by name
   * @throws IllegalArgumentException naming the first field that breaks a rule
   */
  public KeyMetadata {
    check("name", name);
    check("tenant", tenant);
    check("environment", environment);
    if (entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "metadata has " + entries.size() + " entries, at most " + MAX_ENTRIES + " allowed");
    }
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      if (!ENTRY_NAME.matcher(entry.getKey()).matches()) {
        throw new IllegalArgumentException(
            "metadata entry name ["
                + entry.getKey()
                + "] must be a letter then up to 63 letters, digits, _ . or -");
      }
      if (entry.getValue() == null) {
        throw new IllegalArgumentException("metadata entry [" + entry.getKey() + "] has no value");
      }
      check("metadata entry [" + entry.getKey() + "]", entry.getValue());
    }
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /**
   * Whether nothing is set.
   *
   * @return true without name, tenant, environment and entries
   */
  public boolean isEmpty() {
    return name == null && tenant == null && environment == null && entries.isEmpty();
  }

  /**
   * Metadata with the entries in their stored form, as in the JDBC table's {@code metadata} column.
   *
   * @param name what the key is for, or null
   * @param tenant the owner or tenant, or null
   * @param environment the environment, or null
   * @param entries {@code name=value} pairs joined by {@code ;} ({@link #encodedEntries()}), or
   *     null
   * @return the metadata
   * @throws IllegalArgumentException for a malformed or repeated pair, or a value breaking a rule
   */
  public static KeyMetadata of(String name, String tenant, String environment, String entries) {
    return new KeyMetadata(name, tenant, environment, decodeEntries(entries));
  }

  /**
   * The entries in their stored form: {@code name=value} pairs joined by {@code ;}.
   *
   * @return the text, empty when there are no entries
   */
  public String encodedEntries() {
    StringBuilder text = new StringBuilder();
    entries.forEach(
        (key, value) ->
            text.append(text.length() == 0 ? "" : ";").append(key).append('=').append(value));
    return text.toString();
  }

  /** Reads {@link #encodedEntries()}; null or blank text is no entries. */
  private static Map<String, String> decodeEntries(String text) {
    Map<String, String> entries = new LinkedHashMap<>();
    if (text == null) {
      return entries;
    }
    for (String pair : text.split(";")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair.strip() : pair.substring(0, eq).strip();
      if (eq < 0 || entries.put(key, pair.substring(eq + 1).strip()) != null) {
        throw new IllegalArgumentException("metadata entry [" + key + "] malformed or repeated");
      }
    }
    return entries;
  }

  private static void check(String field, String value) {
    if (value == null) {
      return;
    }
    if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
      throw new IllegalArgumentException(
          field + " must be 1 to " + MAX_VALUE_LENGTH + " characters long");
    }
    if (!value.equals(value.strip())
        || value.chars().anyMatch(c -> c == ';' || c == '\\' || Character.isISOControl(c))) {
      throw new IllegalArgumentException(
          field
              + " must not contain ';', '\\' or control characters, nor start or end with white"
              + " space");
    }
  }
}
