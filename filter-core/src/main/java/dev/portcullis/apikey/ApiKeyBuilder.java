package dev.portcullis.apikey;

import dev.portcullis.config.MechanismSettings;
import java.time.Duration;

/**
 * The API-key mechanism's settings in code: one method per key of {@code apiKey.}, named as the key
 * (defaults and meaning in docs/configuration.md). Unset keys keep their defaults; the filter
 * validates the result exactly as it validates {@code web.xml}. Each method throws {@link
 * IllegalStateException} when its key was already set.
 */
public final class ApiKeyBuilder extends MechanismSettings<ApiKeyBuilder> {

  /** Starts with every key at its default. */
  public ApiKeyBuilder() {
    super("apiKey");
  }

  /**
   * Sets {@code apiKey.store}.
   *
   * @param value the value
   * @return this builder
   */
  public ApiKeyBuilder store(String value) {
    return put("store", value);
  }

  /**
   * Sets {@code apiKey.adminRole}.
   *
   * @param value the role the key admin API requires
   * @return this builder
   */
  public ApiKeyBuilder adminRole(String value) {
    return put("adminRole", value);
  }

  /**
   * Sets {@code apiKey.header}.
   *
   * @param value the value
   * @return this builder
   */
  public ApiKeyBuilder header(String value) {
    return put("header", value);
  }

  /**
   * Sets {@code apiKey.headers}.
   *
   * @param values the items
   * @return this builder
   */
  public ApiKeyBuilder headers(String... values) {
    return put("headers", values);
  }

  /**
   * Sets {@code apiKey.prefixes}.
   *
   * @param values the items
   * @return this builder
   */
  public ApiKeyBuilder prefixes(String... values) {
    return put("prefixes", values);
  }

  /**
   * Sets {@code apiKey.importedPrefixes}.
   *
   * @param values the items
   * @return this builder
   */
  public ApiKeyBuilder importedPrefixes(String... values) {
    return put("importedPrefixes", values);
  }

  /**
   * Sets {@code apiKey.schemes}.
   *
   * @param values the items
   * @return this builder
   */
  public ApiKeyBuilder schemes(String... values) {
    return put("schemes", values);
  }

  /**
   * Sets {@code apiKey.queryParameter}.
   *
   * @param value the value
   * @return this builder
   */
  public ApiKeyBuilder queryParameter(String value) {
    return put("queryParameter", value);
  }

  /**
   * Sets {@code apiKey.pepper}.
   *
   * @param value a secret reference ({@code env:NAME} or {@code file:/path}), never the secret
   *     itself
   * @return this builder
   */
  public ApiKeyBuilder pepper(String value) {
    return put("pepper", value);
  }

  /**
   * Sets {@code apiKey.ephemeralSecret}.
   *
   * @param value a secret reference ({@code env:NAME} or {@code file:/path}), never the secret
   *     itself
   * @return this builder
   */
  public ApiKeyBuilder ephemeralSecret(String value) {
    return put("ephemeralSecret", value);
  }

  /**
   * Sets {@code apiKey.ephemeralPrefix}.
   *
   * @param value the value
   * @return this builder
   */
  public ApiKeyBuilder ephemeralPrefix(String value) {
    return put("ephemeralPrefix", value);
  }

  /**
   * Sets {@code apiKey.ephemeralMaxLifetime}.
   *
   * @param value the duration
   * @return this builder
   */
  public ApiKeyBuilder ephemeralMaxLifetime(Duration value) {
    return put("ephemeralMaxLifetime", value);
  }

  /**
   * Sets {@code apiKey.cacheTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public ApiKeyBuilder cacheTtl(Duration value) {
    return put("cacheTtl", value);
  }

  /**
   * Sets {@code apiKey.negativeCacheTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public ApiKeyBuilder negativeCacheTtl(Duration value) {
    return put("negativeCacheTtl", value);
  }

  /**
   * Sets {@code apiKey.cacheMaximumSize}.
   *
   * @param value the number
   * @return this builder
   */
  public ApiKeyBuilder cacheMaximumSize(int value) {
    return put("cacheMaximumSize", value);
  }

  /**
   * Sets {@code apiKey.file}.
   *
   * @param value the value
   * @return this builder
   */
  public ApiKeyBuilder file(String value) {
    return put("file", value);
  }

  /**
   * Sets {@code apiKey.reloadInterval}.
   *
   * @param value the duration
   * @return this builder
   */
  public ApiKeyBuilder reloadInterval(Duration value) {
    return put("reloadInterval", value);
  }

  /**
   * Sets {@code apiKey.dataSource}.
   *
   * @param value the value
   * @return this builder
   */
  public ApiKeyBuilder dataSource(String value) {
    return put("dataSource", value);
  }

  /**
   * Sets {@code apiKey.table}.
   *
   * @param value the value
   * @return this builder
   */
  public ApiKeyBuilder table(String value) {
    return put("table", value);
  }

  /**
   * Sets {@code apiKey.queryTimeout}.
   *
   * @param value the duration
   * @return this builder
   */
  public ApiKeyBuilder queryTimeout(Duration value) {
    return put("queryTimeout", value);
  }

  /**
   * Sets {@code apiKey.maxWaiting}.
   *
   * @param value the number
   * @return this builder
   */
  public ApiKeyBuilder maxWaiting(int value) {
    return put("maxWaiting", value);
  }

  /**
   * Sets {@code apiKey.lastUsedFlushInterval}.
   *
   * @param value the duration
   * @return this builder
   */
  public ApiKeyBuilder lastUsedFlushInterval(Duration value) {
    return put("lastUsedFlushInterval", value);
  }

  /**
   * Sets {@code apiKey.lastUsedMaximumPending}.
   *
   * @param value the number
   * @return this builder
   */
  public ApiKeyBuilder lastUsedMaximumPending(int value) {
    return put("lastUsedMaximumPending", value);
  }
}
