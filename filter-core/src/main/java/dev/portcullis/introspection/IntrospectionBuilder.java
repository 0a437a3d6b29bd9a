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
    return put("endpoint", value);
  }

  /**
   * Sets {@code introspection.clientId}.
   *
   * @param value the value
   * @return this builder
   */
  public IntrospectionBuilder clientId(String value) {
    return put("clientId", value);
  }

  /**
   * Sets {@code introspection.clientSecret}.
   *
   * @param value a secret reference ({@code env:NAME} or {@code file:/path}), never the secret
   *     itself
   * @return this builder
   */
  public IntrospectionBuilder clientSecret(String value) {
    return put("clientSecret", value);
  }

  /**
   * Sets {@code introspection.clientAuthentication}.
   *
   * @param value the value
   * @return this builder
   */
  public IntrospectionBuilder clientAuthentication(String value) {
    return put("clientAuthentication", value);
  }

  /**
   * Sets {@code introspection.connectTimeout}.
   *
   * @param value the duration
   * @return this builder
   */
  public IntrospectionBuilder connectTimeout(Duration value) {
    return put("connectTimeout", value);
  }

  /**
   * Sets {@code introspection.readTimeout}.
   *
   * @param value the duration
   * @return this builder
   */
  public IntrospectionBuilder readTimeout(Duration value) {
    return put("readTimeout", value);
  }

  /**
   * Sets {@code introspection.maxConcurrentCalls}.
   *
   * @param value the number
   * @return this builder
   */
  public IntrospectionBuilder maxConcurrentCalls(int value) {
    return put("maxConcurrentCalls", value);
  }

  /**
   * Sets {@code introspection.maxResponseSize}.
   *
   * @param value the number
   * @return this builder
   */
  public IntrospectionBuilder maxResponseSize(int value) {
    return put("maxResponseSize", value);
  }

  /**
   * Sets {@code introspection.maxTokenLength}.
   *
   * @param value the number
   * @return this builder
   */
  public IntrospectionBuilder maxTokenLength(int value) {
    return put("maxTokenLength", value);
  }

  /**
   * Sets {@code introspection.cacheTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public IntrospectionBuilder cacheTtl(Duration value) {
    return put("cacheTtl", value);
  }

  /**
   * Sets {@code introspection.negativeCacheTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public IntrospectionBuilder negativeCacheTtl(Duration value) {
    return put("negativeCacheTtl", value);
  }

  /**
   * Sets {@code introspection.cacheMaximumSize}.
   *
   * @param value the number
   * @return this builder
   */
  public IntrospectionBuilder cacheMaximumSize(int value) {
    return put("cacheMaximumSize", value);
  }

  /**
   * Sets {@code introspection.staleIfError}.
   *
   * @param value the duration
   * @return this builder
   */
  public IntrospectionBuilder staleIfError(Duration value) {
    return put("staleIfError", value);
  }

  /**
   * Sets {@code introspection.jwtIssuers}.
   *
   * @param values the items
   * @return this builder
   */
  public IntrospectionBuilder jwtIssuers(String... values) {
    return put("jwtIssuers", values);
  }

  /**
   * Sets {@code introspection.issuer}.
   *
   * @param value the value
   * @return this builder
   */
  public IntrospectionBuilder issuer(String value) {
    return put("issuer", value);
  }

  /**
   * Sets {@code introspection.audience}.
   *
   * @param value the value
   * @return this builder
   */
  public IntrospectionBuilder audience(String value) {
    return put("audience", value);
  }

  /**
   * Sets {@code introspection.audienceCheck}.
   *
   * @param value the flag
   * @return this builder
   */
  public IntrospectionBuilder audienceCheck(boolean value) {
    return put("audienceCheck", value);
  }

  /**
   * Sets {@code introspection.principalClaim}.
   *
   * @param value the value
   * @return this builder
   */
  public IntrospectionBuilder principalClaim(String value) {
    return put("principalClaim", value);
  }

  /**
   * Sets {@code introspection.rolesClaim}.
   *
   * @param value the value
   * @return this builder
   */
  public IntrospectionBuilder rolesClaim(String value) {
    return put("rolesClaim", value);
  }

  /**
   * Sets {@code introspection.clockSkew}.
   *
   * @param value the duration
   * @return this builder
   */
  public IntrospectionBuilder clockSkew(Duration value) {
    return put("clockSkew", value);
  }

  /**
   * Sets {@code introspection.trustStore}.
   *
   * @param value the value
   * @return this builder
   */
  public IntrospectionBuilder trustStore(String value) {
    return put("trustStore", value);
  }

  /**
   * Sets {@code introspection.trustStorePassword}.
   *
   * @param value a secret reference ({@code env:NAME} or {@code file:/path}), never the secret
   *     itself
   * @return this builder
   */
  public IntrospectionBuilder trustStorePassword(String value) {
    return put("trustStorePassword", value);
  }
}
