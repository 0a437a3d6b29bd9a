package dev.portcullis.introspection;

import dev.portcullis.config.MechanismSettings;
import java.time.Duration;

/**
 * The introspection mechanism's settings in code: one method per key of {@code introspection.},
 * named as the key (defaults and meaning in docs/configuration.md). Unset keys keep their defaults;
 * the filter validates the result exactly as it validates {@code web.xml}. Each method throws
 * {@link IllegalStateException} when its key was already set.
 */
public final class IntrospectionBuilder extends MechanismSettings<IntrospectionBuilder> {

  /** Starts with every key at its default. */
  public IntrospectionBuilder() {
    super("introspection");
  }

  /**
   * Sets {@code introspection.endpoint}.
   *
   * @param value the value
   * @return this builder
   */
  public IntrospectionBuilder endpoint(String value) {
    return put(IntrospectionAuthenticatorFactory.ENDPOINT, value);
  }

  /**
   * Sets {@code introspection.clientId}.
   *
   * @param value the value
   * @return this builder
   */
  public IntrospectionBuilder clientId(String value) {
    return put(IntrospectionAuthenticatorFactory.CLIENT_ID, value);
  }

  /**
   * Sets {@code introspection.clientSecret}.
   *
   * @param value a secret reference ({@code env:NAME} or {@code file:/path}), never the secret
   *     itself
   * @return this builder
   */
  public IntrospectionBuilder clientSecret(String value) {
    return put(IntrospectionAuthenticatorFactory.CLIENT_SECRET, value);
  }

  /**
   * Sets {@code introspection.clientAuthentication}.
   *
   * @param value the value
   * @return this builder
   */
  public IntrospectionBuilder clientAuthentication(String value) {
    return put(IntrospectionAuthenticatorFactory.CLIENT_AUTHENTICATION, value);
  }

  /**
   * Sets {@code introspection.connectTimeout}.
   *
   * @param value the duration
   * @return this builder
   */
  public IntrospectionBuilder connectTimeout(Duration value) {
    return put(IntrospectionAuthenticatorFactory.CONNECT_TIMEOUT, value);
  }

  /**
   * Sets {@code introspection.readTimeout}.
   *
   * @param value the duration
   * @return this builder
   */
  public IntrospectionBuilder readTimeout(Duration value) {
    return put(IntrospectionAuthenticatorFactory.READ_TIMEOUT, value);
  }

  /**
   * Sets {@code introspection.maxConcurrentCalls}.
   *
   * @param value the number
   * @return this builder
   */
  public IntrospectionBuilder maxConcurrentCalls(int value) {
    return put(IntrospectionAuthenticatorFactory.MAX_CONCURRENT_CALLS, value);
  }

  /**
   * Sets {@code introspection.maxResponseSize}.
   *
   * @param value the number
   * @return this builder
   */
  public IntrospectionBuilder maxResponseSize(int value) {
    return put(IntrospectionAuthenticatorFactory.MAX_RESPONSE_SIZE, value);
  }

  /**
   * Sets {@code introspection.maxTokenLength}.
   *
   * @param value the number
   * @return this builder
   */
  public IntrospectionBuilder maxTokenLength(int value) {
    return put(IntrospectionAuthenticatorFactory.MAX_TOKEN_LENGTH, value);
  }

  /**
   * Sets {@code introspection.cacheTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public IntrospectionBuilder cacheTtl(Duration value) {
    return put(IntrospectionAuthenticatorFactory.CACHE_TTL, value);
  }

  /**
   * Sets {@code introspection.negativeCacheTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public IntrospectionBuilder negativeCacheTtl(Duration value) {
    return put(IntrospectionAuthenticatorFactory.NEGATIVE_CACHE_TTL, value);
  }

  /**
   * Sets {@code introspection.cacheMaximumSize}.
   *
   * @param value the number
   * @return this builder
   */
  public IntrospectionBuilder cacheMaximumSize(int value) {
    return put(IntrospectionAuthenticatorFactory.CACHE_MAXIMUM_SIZE, value);
  }

  /**
   * Sets {@code introspection.staleIfError}.
   *
   * @param value the duration
   * @return this builder
   */
  public IntrospectionBuilder staleIfError(Duration value) {
    return put(IntrospectionAuthenticatorFactory.STALE_IF_ERROR, value);
  }

  /**
   * Sets {@code introspection.jwtIssuers}.
   *
   * @param values the items
   * @return this builder
   */
  public IntrospectionBuilder jwtIssuers(String... values) {
    return put(IntrospectionAuthenticatorFactory.JWT_ISSUERS, values);
  }

  /**
   * Sets {@code introspection.issuer}.
   *
   * @param value the value
   * @return this builder
   */
  public IntrospectionBuilder issuer(String value) {
    return put(IntrospectionAuthenticatorFactory.ISSUER, value);
  }

  /**
   * Sets {@code introspection.audience}.
   *
   * @param value the value
   * @return this builder
   */
  public IntrospectionBuilder audience(String value) {
    return put(IntrospectionAuthenticatorFactory.AUDIENCE, value);
  }

  /**
   * Sets {@code introspection.audienceCheck}.
   *
   * @param value the flag
   * @return this builder
   */
  public IntrospectionBuilder audienceCheck(boolean value) {
    return put(IntrospectionAuthenticatorFactory.AUDIENCE_CHECK, value);
  }

  /**
   * Sets {@code introspection.principalClaim}.
   *
   * @param value the value
   * @return this builder
   */
  public IntrospectionBuilder principalClaim(String value) {
    return put(IntrospectionAuthenticatorFactory.PRINCIPAL_CLAIM, value);
  }

  /**
   * Sets {@code introspection.rolesClaim}.
   *
   * @param value the value
   * @return this builder
   */
  public IntrospectionBuilder rolesClaim(String value) {
    return put(IntrospectionAuthenticatorFactory.ROLES_CLAIM, value);
  }

  /**
   * Sets {@code introspection.clockSkew}.
   *
   * @param value the duration
   * @return this builder
   */
  public IntrospectionBuilder clockSkew(Duration value) {
    return put(IntrospectionAuthenticatorFactory.CLOCK_SKEW, value);
  }

  /**
   * Sets {@code introspection.trustStore}.
   *
   * @param value the value
   * @return this builder
   */
  public IntrospectionBuilder trustStore(String value) {
    return put(IntrospectionAuthenticatorFactory.TRUST_STORE, value);
  }

  /**
   * Sets {@code introspection.trustStorePassword}.
   *
   * @param value a secret reference ({@code env:NAME} or {@code file:/path}), never the secret
   *     itself
   * @return this builder
   */
  public IntrospectionBuilder trustStorePassword(String value) {
    return put(IntrospectionAuthenticatorFactory.TRUST_STORE_PASSWORD, value);
  }
}
