package dev.portcullis.jwt;

import dev.portcullis.config.MechanismSettings;
import java.time.Duration;

/**
 * The keys of one issuer, shared by {@link JwtBuilder}: set directly under {@code jwt.} for a
 * single issuer.
 *
 * @param <B> the concrete builder
 */
public abstract class JwtIssuerKeys<B extends JwtIssuerKeys<B>> extends MechanismSettings<B> {

  JwtIssuerKeys() {
    super(JwtAuthenticatorFactory.NAME);
  }

  /**
   * Sets {@code jwt.issuer}.
   *
   * @param value the value
   * @return this builder
   */
  public B issuer(String value) {
    return put(IssuerSettings.ISSUER, value);
  }

  /**
   * Sets {@code jwt.audience}.
   *
   * @param values the items
   * @return this builder
   */
  public B audience(String... values) {
    return put(IssuerSettings.AUDIENCE, values);
  }

  /**
   * Sets {@code jwt.algorithms}.
   *
   * @param values the items
   * @return this builder
   */
  public B algorithms(String... values) {
    return put(IssuerSettings.ALGORITHMS, values);
  }

  /**
   * Sets {@code jwt.keyAlgorithms}.
   *
   * @param values the items
   * @return this builder
   */
  public B keyAlgorithms(String... values) {
    return put(IssuerSettings.KEY_ALGORITHMS, values);
  }

  /**
   * Sets {@code jwt.sharedSecret}.
   *
   * @param value a secret reference ({@code env:NAME} or {@code file:/path}), never the secret
   *     itself
   * @return this builder
   */
  public B sharedSecret(String value) {
    return put(IssuerSettings.SHARED_SECRET, value);
  }

  /**
   * Sets {@code jwt.jwksUri}.
   *
   * @param value the value
   * @return this builder
   */
  public B jwksUri(String value) {
    return put(IssuerSettings.JWKS_URI, value);
  }

  /**
   * Sets {@code jwt.types}.
   *
   * @param values the items
   * @return this builder
   */
  public B types(String... values) {
    return put(IssuerSettings.TYPES, values);
  }

  /**
   * Sets {@code jwt.allowMissingType}.
   *
   * @param value the flag
   * @return this builder
   */
  public B allowMissingType(boolean value) {
    return put(IssuerSettings.ALLOW_MISSING_TYPE, value);
  }

  /**
   * Sets {@code jwt.clockSkew}.
   *
   * @param value the duration
   * @return this builder
   */
  public B clockSkew(Duration value) {
    return put(IssuerSettings.CLOCK_SKEW, value);
  }

  /**
   * Sets {@code jwt.maxLifetime}.
   *
   * @param value the duration
   * @return this builder
   */
  public B maxLifetime(Duration value) {
    return put(IssuerSettings.MAX_LIFETIME, value);
  }

  /**
   * Sets {@code jwt.requiredClaims}.
   *
   * @param values the items
   * @return this builder
   */
  public B requiredClaims(String... values) {
    return put(IssuerSettings.REQUIRED_CLAIMS, values);
  }

  /**
   * Sets {@code jwt.claimValues}.
   *
   * @param values the items
   * @return this builder
   */
  public B claimValues(String... values) {
    return put(IssuerSettings.CLAIM_VALUES, values);
  }

  /**
   * Sets {@code jwt.principalClaim}.
   *
   * @param value the value
   * @return this builder
   */
  public B principalClaim(String value) {
    return put(IssuerSettings.PRINCIPAL_CLAIM, value);
  }

  /**
   * Sets {@code jwt.rolesClaim}.
   *
   * @param value the value
   * @return this builder
   */
  public B rolesClaim(String value) {
    return put(IssuerSettings.ROLES_CLAIM, value);
  }
}
