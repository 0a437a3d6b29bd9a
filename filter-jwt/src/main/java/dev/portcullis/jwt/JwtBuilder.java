package dev.portcullis.jwt;

import dev.portcullis.config.Keys;
import java.time.Duration;

/**
 * The JWT mechanism's settings in code: one method per key of {@code jwt.}, named as the key
 * (defaults and meaning in docs/configuration.md). Unset keys keep their defaults; the filter
 * validates the result exactly as it validates {@code web.xml}. Each method throws {@link
 * IllegalStateException} when its key was already set.
 */
public final class JwtBuilder extends JwtIssuerKeys<JwtBuilder> {

  /** Starts with every key at its default. */
  public JwtBuilder() {
    super();
  }

  /**
   * Sets {@code jwt.issuers}.
   *
   * @param values the items
   * @return this builder
   */
  public JwtBuilder issuers(String... values) {
    return put(JwtAuthenticatorFactory.ISSUERS, values);
  }

  /**
   * Sets {@code jwt.maxTokenLength}.
   *
   * @param value the number
   * @return this builder
   */
  public JwtBuilder maxTokenLength(int value) {
    return put(JwtAuthenticatorFactory.MAX_TOKEN_LENGTH, value);
  }

  /**
   * Sets {@code jwt.opaqueTokens}.
   *
   * @param value the value
   * @return this builder
   */
  public JwtBuilder opaqueTokens(String value) {
    return put(JwtAuthenticatorFactory.OPAQUE_TOKENS, value);
  }

  /**
   * Sets {@code jwt.cacheMaximumSize}.
   *
   * @param value the number
   * @return this builder
   */
  public JwtBuilder cacheMaximumSize(int value) {
    return put(JwtAuthenticatorFactory.CACHE_MAXIMUM_SIZE, value);
  }

  /**
   * Sets {@code jwt.cacheTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public JwtBuilder cacheTtl(Duration value) {
    return put(JwtAuthenticatorFactory.CACHE_TTL, value);
  }

  /**
   * Sets {@code jwt.negativeCacheTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public JwtBuilder negativeCacheTtl(Duration value) {
    return put(JwtAuthenticatorFactory.NEGATIVE_CACHE_TTL, value);
  }

  /**
   * Sets {@code jwt.jwksRefreshCooldown}.
   *
   * @param value the duration
   * @return this builder
   */
  public JwtBuilder jwksRefreshCooldown(Duration value) {
    return put(JwtAuthenticatorFactory.REFRESH_COOLDOWN, value);
  }

  /**
   * Sets {@code jwt.jwksMinTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public JwtBuilder jwksMinTtl(Duration value) {
    return put(JwtAuthenticatorFactory.JWKS_MIN_TTL, value);
  }

  /**
   * Sets {@code jwt.jwksMaxTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public JwtBuilder jwksMaxTtl(Duration value) {
    return put(JwtAuthenticatorFactory.JWKS_MAX_TTL, value);
  }

  /**
   * Sets {@code jwt.jwksMaxStale}.
   *
   * @param value the duration
   * @return this builder
   */
  public JwtBuilder jwksMaxStale(Duration value) {
    return put(JwtAuthenticatorFactory.JWKS_MAX_STALE, value);
  }

  /**
   * Sets {@code jwt.jwksMaxKeys}.
   *
   * @param value the number
   * @return this builder
   */
  public JwtBuilder jwksMaxKeys(int value) {
    return put(JwtAuthenticatorFactory.JWKS_MAX_KEYS, value);
  }

  /**
   * Sets {@code jwt.jwksMaxWaiting}.
   *
   * @param value the number
   * @return this builder
   */
  public JwtBuilder jwksMaxWaiting(int value) {
    return put(JwtAuthenticatorFactory.JWKS_MAX_WAITING, value);
  }

  /**
   * Sets {@code jwt.maxResponseSize}.
   *
   * @param value the number
   * @return this builder
   */
  public JwtBuilder maxResponseSize(int value) {
    return put(JwtAuthenticatorFactory.MAX_RESPONSE_SIZE, value);
  }

  /**
   * Sets {@code jwt.connectTimeout}.
   *
   * @param value the duration
   * @return this builder
   */
  public JwtBuilder connectTimeout(Duration value) {
    return put(JwtAuthenticatorFactory.CONNECT_TIMEOUT, value);
  }

  /**
   * Sets {@code jwt.readTimeout}.
   *
   * @param value the duration
   * @return this builder
   */
  public JwtBuilder readTimeout(Duration value) {
    return put(JwtAuthenticatorFactory.READ_TIMEOUT, value);
  }

  /**
   * Sets {@code jwt.trustStore}.
   *
   * @param value the value
   * @return this builder
   */
  public JwtBuilder trustStore(String value) {
    return put(Keys.TRUST_STORE, value);
  }

  /**
   * Sets {@code jwt.trustStorePassword}.
   *
   * @param value a secret reference ({@code env:NAME} or {@code file:/path}), never the secret
   *     itself
   * @return this builder
   */
  public JwtBuilder trustStorePassword(String value) {
    return put(Keys.TRUST_STORE_PASSWORD, value);
  }
}
