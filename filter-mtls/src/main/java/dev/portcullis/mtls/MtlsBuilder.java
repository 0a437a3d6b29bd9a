package dev.portcullis.mtls;

import dev.portcullis.config.MechanismSettings;
import java.time.Duration;

/**
 * The client-certificate mechanism's settings in code: one method per key of {@code mtls.}, named
 * as the key (defaults and meaning in docs/configuration.md). Unset keys keep their defaults; the
 * filter validates the result exactly as it validates {@code web.xml}. Each method throws {@link
 * IllegalStateException} when its key was already set.
 */
public final class MtlsBuilder extends MechanismSettings<MtlsBuilder> {

  /** Starts with every key at its default. */
  public MtlsBuilder() {
    super("mtls");
  }

  /**
   * Sets {@code mtls.trustAnchors}.
   *
   * @param value the value
   * @return this builder
   */
  public MtlsBuilder trustAnchors(String value) {
    return put(MtlsAuthenticatorFactory.TRUST_ANCHORS, value);
  }

  /**
   * Sets {@code mtls.trustAnchorsPassword}.
   *
   * @param value a secret reference ({@code env:NAME} or {@code file:/path}), never the secret
   *     itself
   * @return this builder
   */
  public MtlsBuilder trustAnchorsPassword(String value) {
    return put(MtlsAuthenticatorFactory.TRUST_ANCHORS_PASSWORD, value);
  }

  /**
   * Sets {@code mtls.intermediates}.
   *
   * @param value the value
   * @return this builder
   */
  public MtlsBuilder intermediates(String value) {
    return put(MtlsAuthenticatorFactory.INTERMEDIATES, value);
  }

  /**
   * Sets {@code mtls.revocation}.
   *
   * @param value the value
   * @return this builder
   */
  public MtlsBuilder revocation(String value) {
    return put(MtlsAuthenticatorFactory.REVOCATION, value);
  }

  /**
   * Sets {@code mtls.revocationFailure}.
   *
   * @param value the value
   * @return this builder
   */
  public MtlsBuilder revocationFailure(String value) {
    return put(MtlsAuthenticatorFactory.REVOCATION_FAILURE, value);
  }

  /**
   * Sets {@code mtls.crlFiles}.
   *
   * @param values the items
   * @return this builder
   */
  public MtlsBuilder crlFiles(String... values) {
    return put(MtlsAuthenticatorFactory.CRL_FILES, values);
  }

  /**
   * Sets {@code mtls.ocspResponder}.
   *
   * @param value the value
   * @return this builder
   */
  public MtlsBuilder ocspResponder(String value) {
    return put(MtlsAuthenticatorFactory.OCSP_RESPONDER, value);
  }

  /**
   * Sets {@code mtls.requireClientAuthEku}.
   *
   * @param value the flag
   * @return this builder
   */
  public MtlsBuilder requireClientAuthEku(boolean value) {
    return put(MtlsAuthenticatorFactory.REQUIRE_CLIENT_AUTH_EKU, value);
  }

  /**
   * Sets {@code mtls.principal}.
   *
   * @param value the value
   * @return this builder
   */
  public MtlsBuilder principal(String value) {
    return put(MtlsAuthenticatorFactory.PRINCIPAL, value);
  }

  /**
   * Sets {@code mtls.allowedPrincipals}.
   *
   * @param value the value
   * @return this builder
   */
  public MtlsBuilder allowedPrincipals(String value) {
    return put(MtlsAuthenticatorFactory.ALLOWED_PRINCIPALS, value);
  }

  /**
   * Sets {@code mtls.roles}.
   *
   * @param values the items
   * @return this builder
   */
  public MtlsBuilder roles(String... values) {
    return put(MtlsAuthenticatorFactory.ROLES, values);
  }

  /**
   * Sets {@code mtls.rolesFromSubject}.
   *
   * @param values the items
   * @return this builder
   */
  public MtlsBuilder rolesFromSubject(String... values) {
    return put(MtlsAuthenticatorFactory.ROLES_FROM_SUBJECT, values);
  }

  /**
   * Sets {@code mtls.roleMap}.
   *
   * @param value the value
   * @return this builder
   */
  public MtlsBuilder roleMap(String value) {
    return put(MtlsAuthenticatorFactory.ROLE_MAP, value);
  }

  /**
   * Sets {@code mtls.trustedProxies}.
   *
   * @param values the items
   * @return this builder
   */
  public MtlsBuilder trustedProxies(String... values) {
    return put(MtlsAuthenticatorFactory.TRUSTED_PROXIES, values);
  }

  /**
   * Sets {@code mtls.forwardedHeader}.
   *
   * @param value the value
   * @return this builder
   */
  public MtlsBuilder forwardedHeader(String value) {
    return put(MtlsAuthenticatorFactory.FORWARDED_HEADER, value);
  }

  /**
   * Sets {@code mtls.forwardedFormat}.
   *
   * @param value the value
   * @return this builder
   */
  public MtlsBuilder forwardedFormat(String value) {
    return put(MtlsAuthenticatorFactory.FORWARDED_FORMAT, value);
  }

  /**
   * Sets {@code mtls.forwardedChainHeader}.
   *
   * @param value the value
   * @return this builder
   */
  public MtlsBuilder forwardedChainHeader(String value) {
    return put(MtlsAuthenticatorFactory.FORWARDED_CHAIN_HEADER, value);
  }

  /**
   * Sets {@code mtls.forwardedMaxLength}.
   *
   * @param value the number
   * @return this builder
   */
  public MtlsBuilder forwardedMaxLength(int value) {
    return put(MtlsAuthenticatorFactory.FORWARDED_MAX_LENGTH, value);
  }

  /**
   * Sets {@code mtls.cacheTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public MtlsBuilder cacheTtl(Duration value) {
    return put(MtlsAuthenticatorFactory.CACHE_TTL, value);
  }

  /**
   * Sets {@code mtls.negativeCacheTtl}.
   *
   * @param value the duration
   * @return this builder
   */
  public MtlsBuilder negativeCacheTtl(Duration value) {
    return put(MtlsAuthenticatorFactory.NEGATIVE_CACHE_TTL, value);
  }

  /**
   * Sets {@code mtls.cacheMaximumSize}.
   *
   * @param value the number
   * @return this builder
   */
  public MtlsBuilder cacheMaximumSize(int value) {
    return put(MtlsAuthenticatorFactory.CACHE_MAXIMUM_SIZE, value);
  }
}
