package dev.portcullis.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The base of the typed settings builders of the mechanisms ({@code ApiKeyBuilder}, {@code
 * JwtBuilder}, ...): one method per key, named as the key, each setting it once. The result is the
 * same init-params that {@code web.xml} would give, so a filter built in code is validated exactly
 * like a declared one; hand {@link #params()} to the filter builder's {@code settings(...)}.
 *
 * @param <B> the concrete builder, returned by its setters
 */
public abstract class MechanismSettings<B extends MechanismSettings<B>> {
  private final String mechanism;
  private final Map<String, String> params = new LinkedHashMap<>();

  /**
   * Starts an empty builder.
   *
   * @param mechanism the mechanism name, the prefix of its keys
   */
  protected MechanismSettings(String mechanism) {
    this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
  }

  /**
   * The mechanism name.
   *
   * @return for example {@code jwt}
   */
  public final String mechanism() {
    return mechanism;
  }

  /**
   * The settings as init-params, keys prefixed with the mechanism name.
   *
   * @return an unmodifiable map in the order the keys were set
   */
  public final Map<String, String> params() {
    return Collections.unmodifiableMap(params);
  }

  /**
   * Sets one key.
   *
   * @param key the relative key
   * @param value the value; a {@link Duration} is written in ISO-8601, an array joined by commas
   * @return this builder
   * @throws IllegalStateException when the key was set before
   */
  protected final B put(String key, Object value) {
    Objects.requireNonNull(value, key);
    String text = value instanceof String[] items ? String.join(",", items) : String.valueOf(value);
    if (params.putIfAbsent(mechanism + "." + key, text) != null) {
      throw new IllegalStateException("Setting " + mechanism + "." + key + " was already set");
    }
    @SuppressWarnings("unchecked")
    B self = (B) this;
    return self;
  }
}
