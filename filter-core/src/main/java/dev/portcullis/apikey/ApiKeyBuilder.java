package dev.portcullis.apikey;

import dev.portcullis.apikey.jdbc.JdbcApiKeyStoreFactory;
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
    return put(ApiKeyAuthenticatorFactory.STORE, value);
  }

  /**
   * Sets {@code apiKey.adminRole}.
   *
   * @param value the role the key admin API requires
   * @return this builder
   */
  public ApiKeyBuilder adminRole(String value) {
    return put(ApiKeyAuthenticatorFactory.ADMIN_ROLE, value);
  }

  /**
   * Sets {@code apiKey.header}.
   *
   * @param value the value
   * @return this builder
   */
  public ApiKeyBuilder header(String value) {
    return put(ApiKeyAuthenticatorFactory.HEADER, value);
  }

  /**
   * Sets {@code apiKey.headers}.
   *
   * @param values the items
   * @return this builder
   */
  public ApiKeyBuilder headers(String... values) {
    return put(ApiKeyAuthenticatorFactory.HEADERS, values);
  }

  /**
   * Sets {@code apiKey.prefixes}.
   *
   * @param values the items
   * @return this builder
   */
  public ApiKeyBuilder prefixes(String... values) {
    return put(ApiKeyAuthenticatorFactory.PREFIXES, values);
  }

  /**
   * Sets {@code apiKey.importedPrefixes}.
   *
   * @param values the items
   * @return this builder
   */
  public ApiKeyBuilder importedPrefixes(String... values) {
    return put(ApiKeyAuthenticatorFactory.IMPORTED_PREFIXES, values);
  }

  /**
   * Sets {@code apiKey.schemes}.
   *
   * @param values the items
   * @return this builder
   */
  public ApiKeyBuilder schemes(String... values) {
    return put(ApiKeyAuthenticatorFactory.SCHEMES, values);
  }

  /**
   * Sets {@code apiKey.queryParameter}.
   *
   * @param value the value
   * @return this builder
   */
  public ApiKeyBuilder queryParameter(String value) {
    return put(ApiKeyAuthenticatorFactory.QUERY_PARAMETER, value);
  }

  /**
   * Sets {@code apiKey.pepper}.
   *
   * @param value a secret reference ({@code env:NAME} or {@code file:/path}), never the secret
   *     itself
   * @return this builder
   */
  public ApiKeyBuilder pepper(String value) {
    return put(ApiKeyAuthenticatorFactory.PEPPER, value);
  }

  /**
   * Sets {@code apiKey.ephemeralSecret}.
   *
   * @param value a secret reference ({@code env:NAME} or {@code file:/path}), never the secret
   *     itself
   * @return this builder
   */
  public ApiKeyBuilder ephemeralSecret(String value) {
    return put(EphemeralKeySettings.SECRET, value);
  }

  /**
   * Sets {@code apiKey.ephemeralPrefix}.
   *
   * @param value the value
   * @return this builder
   */
  public ApiKeyBuilder ephemeralPrefix(String value) {
    return put(EphemeralKeySettings.PREFIX, value);
  }

  /**
   * Sets {@code apiKey.ephemeralMaxLifetime}.
   *
   * @param value the duration
   * @return this builder
   */
  public ApiKeyBuilder ephemeralMaxLifetime(Duration value) {
    return put(EphemeralKeySettings.MAX_LIFETIME, value);
  }

  /**
   * Sets {@code apiKey.cacheTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public ApiKeyBuilder cacheTtl(Duration value) {
    return put(ApiKeyAuthenticatorFactory.CACHE_TTL, value);
  }

  /**
   * Sets {@code apiKey.negativeCacheTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public ApiKeyBuilder negativeCacheTtl(Duration value) {
    return put(ApiKeyAuthenticatorFactory.NEGATIVE_CACHE_TTL, value);
  }

  /**
   * Sets {@code apiKey.cacheMaximumSize}.
   *
   * @param value the number
   * @return this builder
   */
  public ApiKeyBuilder cacheMaximumSize(int value) {
    return put(ApiKeyAuthenticatorFactory.CACHE_MAXIMUM_SIZE, value);
  }

  /**
   * Sets {@code apiKey.file}.
   *
   * @param value the value
   * @return this builder
   */
  public ApiKeyBuilder file(String value) {
    return put(FileApiKeyStoreFactory.FILE, value);
  }

  /**
   * Sets {@code apiKey.reloadInterval}.
   *
   * @param value the duration
   * @return this builder
   */
  public ApiKeyBuilder reloadInterval(Duration value) {
    return put(FileApiKeyStoreFactory.RELOAD_INTERVAL, value);
  }

  /**
   * Sets {@code apiKey.dataSource}.
   *
   * @param value the value
   * @return this builder
   */
  public ApiKeyBuilder dataSource(String value) {
    return put(JdbcApiKeyStoreFactory.DATA_SOURCE, value);
  }

  /**
   * Sets {@code apiKey.table}.
   *
   * @param value the value
   * @return this builder
   */
  public ApiKeyBuilder table(String value) {
    return put(JdbcApiKeyStoreFactory.TABLE, value);
  }

  /**
   * Sets {@code apiKey.queryTimeout}.
   *
   * @param value the duration
   * @return this builder
   */
  public ApiKeyBuilder queryTimeout(Duration value) {
    return put(JdbcApiKeyStoreFactory.QUERY_TIMEOUT, value);
  }

  /**
   * Sets {@code apiKey.maxWaiting}.
   *
   * @param value the number
   * @return this builder
   */
  public ApiKeyBuilder maxWaiting(int value) {
    return put(JdbcApiKeyStoreFactory.MAX_WAITING, value);
  }

  /**
   * Sets {@code apiKey.lastUsedFlushInterval}.
   *
   * @param value the duration
   * @return this builder
   */
  public ApiKeyBuilder lastUsedFlushInterval(Duration value) {
    return put(FileApiKeyStoreFactory.LAST_USED_FLUSH_INTERVAL, value);
  }

  /**
   * Sets {@code apiKey.lastUsedMaximumPending}.
   *
   * @param value the number
   * @return this builder
   */
  public ApiKeyBuilder lastUsedMaximumPending(int value) {
    return put(FileApiKeyStoreFactory.LAST_USED_MAXIMUM_PENDING, value);
  }
}
