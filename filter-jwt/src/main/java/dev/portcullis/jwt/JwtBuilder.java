package dev.portcullis.jwt;

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
    return put("issuers", values);
  }

  /**
   * Sets {@code jwt.maxTokenLength}.
   *
   * @param value the number
   * @return this builder
   */
  public JwtBuilder maxTokenLength(int value) {
    return put("maxTokenLength", value);
  }

  /**
   * Sets {@code jwt.opaqueTokens}.
   *
   * @param value the value
   * @return this builder
   */
  public JwtBuilder opaqueTokens(String value) {
    return put("opaqueTokens", value);
  }

  /**
   * Sets {@code jwt.cacheMaximumSize}.
   *
   * @param value the number
   * @return this builder
   */
  public JwtBuilder cacheMaximumSize(int value) {
    return put("cacheMaximumSize", value);
  }

  /**
   * Sets {@code jwt.cacheTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public JwtBuilder cacheTtl(Duration value) {
    return put("cacheTtl", value);
  }

  /**
   * Sets {@code jwt.negativeCacheTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public JwtBuilder negativeCacheTtl(Duration value) {
    return put("negativeCacheTtl", value);
  }

  /**
   * Sets {@code jwt.jwksRefreshCooldown}.
   *
   * @param value the duration
   * @return this builder
   */
  public JwtBuilder jwksRefreshCooldown(Duration value) {
    return put("jwksRefreshCooldown", value);
  }

  /**
   * Sets {@code jwt.jwksMinTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public JwtBuilder jwksMinTtl(Duration value) {
    return put("jwksMinTtl", value);
  }

  /**
   * Sets {@code jwt.jwksMaxTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public JwtBuilder jwksMaxTtl(Duration value) {
    return put("jwksMaxTtl", value);
  }

  /**
   * Sets {@code jwt.jwksMaxStale}.
   *
   * @param value the duration
   * @return this builder
   */
  public JwtBuilder jwksMaxStale(Duration value) {
    return put("jwksMaxStale", value);
  }

  /**
   * Sets {@code jwt.jwksMaxKeys}.
   *
   * @param value the number
   * @return this builder
   */
  public JwtBuilder jwksMaxKeys(int value) {
    return put("jwksMaxKeys", value);
  }

  /**
   * Sets {@code jwt.jwksMaxWaiting}.
   *
   * @param value the number
   * @return this builder
   */
  public JwtBuilder jwksMaxWaiting(int value) {
    return put("jwksMaxWaiting", value);
  }

  /**
   * Sets {@code jwt.maxResponseSize}.
   *
   * @param value the number
   * @return this builder
   */
  public JwtBuilder maxResponseSize(int value) {
    return put("maxResponseSize", value);
  }

  /**
   * Sets {@code jwt.connectTimeout}.
   *
   * @param value the duration
   * @return this builder
   */
  public JwtBuilder connectTimeout(Duration value) {
    return put("connectTimeout", value);
  }

  /**
   * Sets {@code jwt.readTimeout}.
   *
   * @param value the duration
   * @return this builder
   */
  public JwtBuilder readTimeout(Duration value) {
    return put("readTimeout", value);
  }

  /**
   * Sets {@code jwt.trustStore}.
   *
   * @param value the value
   * @return this builder
   */
  public JwtBuilder trustStore(String value) {
    return put("trustStore", value);
  }

  /**
   * Sets {@code jwt.trustStorePassword}.
   *
   * @param value a secret reference ({@code env:NAME} or {@code file:/path}), never the secret
   *     itself
   * @return this builder
   */
  public JwtBuilder trustStorePassword(String value) {
    return put("trustStorePassword", value);
  }
}
