package dev.portcullis.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Validated access to a filter's settings. Values may contain {@code ${NAME}}, {@code
 * ${NAME:default}} or {@code ${NAME:+value}} (as in the shell: {@code value} when {@code NAME} is
 * set and not empty, else nothing), resolved from system properties and then environment variables;
 * secrets may be given as {@code env:NAME} or {@code file:/path} (see {@link #secret(String)}).
 *
 * <p>Every key that is read is marked as known; {@link #checkAllKnown()} then refuses any other
 * key, so a misspelt setting stops deployment instead of being ignored. Errors name the full key
 * and show the value in brackets.
 */
public final class Config {

  private final Map<String, String> values;
  private final Set<String> known;
  private final String prefix;
  private final UnaryOperator<String> lookup;
  private final UnaryOperator<String> overrides;

  private Config(
      Map<String, String> values,
      Set<String> known,
      String prefix,
      UnaryOperator<String> lookup,
      UnaryOperator<String> overrides) {
    this.values = values;
    this.known = known;
    this.prefix = prefix;
    this.lookup = lookup;
    this.overrides = overrides;
  }

  /**
   * Settings resolved against system properties, then environment variables.
   *
   * @param params raw key-value pairs, for example filter init-params
   * @return the settings
   */
  public static Config of(Map<String, String> params) {
    return of(params, Config::systemLookup);
  }

  /**
   * Settings resolved against a given lookup (for tests).
   *
   * @param params raw key-value pairs
   * @param lookup resolves {@code ${NAME}} and {@code env:NAME}; returns null when absent
   * @return the settings
   * @throws ConfigurationException when two keys are the same once trimmed
   */
  public static Config of(Map<String, String> params, UnaryOperator<String> lookup) {
    Map<String, String> copy = new TreeMap<>();
    params.forEach(
        (k, v) -> {
          if (copy.put(k.trim(), v) != null) {
            throw new ConfigurationException("Setting " + k.trim() + " is given twice");
          }
        });
    return new Config(copy, new LinkedHashSet<>(), "", lookup, key -> null);
  }

  /**
   * The same settings where a value from {@code overrides} wins over the given one, for
   * MicroProfile Config properties such as {@code portcullis.<filter>.<key>}.
   *
   * @param overrides maps a full key to its overriding value, or null when it has none
   * @return the settings with overrides
   */
  public Config withOverrides(UnaryOperator<String> overrides) {
    return new Config(values, known, prefix, lookup, overrides);
  }

  private static String systemLookup(String name) {
    String value = System.getProperty(name);
    return value != null ? value : System.getenv(name);
  }

  /**
   * The settings under {@code name + "."}; keys read through the view are marked known here too.
   *
   * @param name a mechanism name
   * @return a view whose keys are relative to the prefix
   */
  public Config child(String name) {
    return new Config(values, known, prefix + name + ".", lookup, overrides);
  }

  /**
   * The full key, as written in configuration.
   *
   * @param key a key relative to this view
   * @return the prefixed key
   */
  public String key(String key) {
    return prefix + key;
  }

  /**
   * Reads a value.
   *
   * @param key relative key
   * @return the resolved, trimmed value; empty when absent or blank
   */
  public Optional<String> string(String key) {
    String full = key(key);
    known.add(full);
    String raw = overrides.apply(full);
    if (raw == null) {
      raw = values.get(full);
    }
    if (raw == null) {
      return Optional.empty();
    }
    String resolved = Placeholders.resolve(full, raw, lookup).trim();
    return resolved.isEmpty() ? Optional.empty() : Optional.of(resolved);
  }

  /**
   * Marks a key as known without reading or resolving it, for settings that do not apply.
   *
   * @param key relative key
   * @return whether the key is present
   */
  public boolean ignore(String key) {
    String full = key(key);
    known.add(full);
    return values.containsKey(full);
  }

  /**
   * Reads a value that must be present.
   *
   * @param key relative key
   * @return the value
   * @throws ConfigurationException when absent
   */
  public String required(String key) {
    return string(key)
        .orElseThrow(() -> new ConfigurationException("Missing required setting " + key(key)));
  }

  /**
   * Reads a comma-separated list.
   *
   * @param key relative key
   * @return the trimmed, non-empty items in order, empty when absent
   */
  public List<String> list(String key) {
    return string(key).map(v -> List.copyOf(Lists.split(v, ','))).orElse(List.of());
  }

  /**
   * Reads a boolean: exactly {@code true} or {@code false}.
   *
   * @param key relative key
   * @param defaultValue used when absent
   * @return the value
   */
  public boolean bool(String key, boolean defaultValue) {
    Optional<String> value = string(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    return Values.bool(this, key, value.get());
  }

  /**
   * Reads an integer within bounds.
   *
   * @param key relative key
   * @param defaultValue used when absent
   * @param min smallest allowed
   * @param max largest allowed
   * @return the value
   */
  public int integer(String key, int defaultValue, int min, int max) {
    Optional<String> value = string(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    return Values.integer(this, key, value.get(), min, max);
  }

  /**
   * Reads a duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601
   * ({@code PT30S}). Negative durations are refused.
   *
   * @param key relative key
   * @param defaultValue used when absent
   * @return the value
   */
  public Duration duration(String key, Duration defaultValue) {
    Optional<String> value = string(key);
    return value.isEmpty() ? defaultValue : Values.parse(this, key, value.get());
  }

  /**
   * Reads a duration that must be greater than zero, such as a timeout.
   *
   * @param key relative key
   * @param defaultValue used when absent
   * @return the value
   */
  public Duration positiveDuration(String key, Duration defaultValue) {
    Duration value = duration(key, defaultValue);
    if (value.isZero()) {
      throw invalid(key, value.toString(), "must be greater than zero");
    }
    return value;
  }

  /**
   * Reads a secret. {@code env:NAME} reads the environment variable (or system property) {@code
   * NAME}; {@code file:/path} reads the file's content without a trailing line break; anything else
   * is the literal value. Errors never show the secret.
   *
   * @param key relative key
   * @return the secret, empty when the key is absent
   */
  public Optional<String> secret(String key) {
    return string(key).map(ref -> Secrets.resolve(key(key), ref, lookup));
  }

  /**
   * Refuses a key that a release renamed, so that an old configuration stops deployment instead of
   * being silently ignored. Marks the old key as known.
   *
   * @param oldKey the former relative key
   * @param newKey the relative key that replaced it
   * @throws ConfigurationException "Setting [old] was renamed to [new]" when the old key is set
   */
  public void renamed(String oldKey, String newKey) {
    if (ignore(oldKey)) {
      throw new ConfigurationException(
          "Setting [" + key(oldKey) + "] was renamed to [" + key(newKey) + "]");
    }
  }

  /**
   * Builds the standard message for a bad value.
   *
   * @param key relative key
   * @param value the offending value (not a secret)
   * @param why what was expected
   * @return the exception to throw
   */
  public ConfigurationException invalid(String key, String value, String why) {
    return new ConfigurationException(
        "Invalid value [" + value + "] for setting " + key(key) + ": " + why);
  }

  /**
   * Refuses every key that nothing has read.
   *
   * @throws ConfigurationException naming the first unknown key
   */
  public void checkAllKnown() {
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (!known.contains(e.getKey())) {
        throw new ConfigurationException(
            "Unknown setting [" + e.getKey() + "]; check the spelling or the mechanisms list");
      }
    }
  }

  /**
   * The full keys read so far, for checking overrides once every mechanism has read its own.
   *
   * @return an unmodifiable view
   */
  public Set<String> known() {
    return Collections.unmodifiableSet(known);
  }

  /**
   * Whether any key starts with {@code name + "."}.
   *
   * @param name a mechanism name
   * @return true when the mechanism has settings
   */
  public boolean hasChild(String name) {
    String p = key(name) + ".";
    return values.keySet().stream().anyMatch(k -> k.startsWith(p));
  }
}
