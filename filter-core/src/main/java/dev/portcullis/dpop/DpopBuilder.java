package dev.portcullis.dpop;

import dev.portcullis.config.MechanismSettings;
import java.time.Duration;

/**
 * The filter's DPoP settings in code: one method per key of {@code dpop.}, named as the key
 * (defaults and meaning in docs/configuration.md). Hand it to the filter builder's {@code
 * settings(...)}; the filter validates the result exactly as it validates {@code web.xml}. Each
 * method throws {@link IllegalStateException} when its key was already set.
 */
public final class DpopBuilder extends MechanismSettings<DpopBuilder> {

  /** Starts with every key at its default (DPoP off). */
  public DpopBuilder() {
    super(DpopSettings.PREFIX);
  }

  /**
   * Sets {@code dpop.enabled}.
   *
   * @param value true to read {@code Authorization: DPoP}
   * @return this builder
   */
  public DpopBuilder enabled(boolean value) {
    return put(DpopSettings.ENABLED, value);
  }

  /**
   * Sets {@code dpop.required}.
   *
   * @param value true to refuse access tokens that are not DPoP-bound
   * @return this builder
   */
  public DpopBuilder required(boolean value) {
    return put(DpopSettings.REQUIRED, value);
  }

  /**
   * Sets {@code dpop.algorithms}.
   *
   * @param names asymmetric JWS algorithm names
   * @return this builder
   */
  public DpopBuilder algorithms(String... names) {
    return put(DpopSettings.ALGORITHMS, names);
  }

  /**
   * Sets {@code dpop.proofLifetime}.
   *
   * @param value how old a proof's {@code iat} may be
   * @return this builder
   */
  public DpopBuilder proofLifetime(Duration value) {
    return put(DpopSettings.PROOF_LIFETIME, value);
  }

  /**
   * Sets {@code dpop.clockSkew}.
   *
   * @param value how far ahead a proof's {@code iat} may be
   * @return this builder
   */
  public DpopBuilder clockSkew(Duration value) {
    return put(DpopSettings.CLOCK_SKEW, value);
  }

  /**
   * Sets {@code dpop.maxProofLength}.
   *
   * @param value the longest proof read, in characters
   * @return this builder
   */
  public DpopBuilder maxProofLength(int value) {
    return put(DpopSettings.MAX_PROOF_LENGTH, value);
  }

  /**
   * Sets {@code dpop.nonceSecret}.
   *
   * @param value a secret reference ({@code env:NAME} or {@code file:/path}), never the secret
   *     itself
   * @return this builder
   */
  public DpopBuilder nonceSecret(String value) {
    return put(DpopSettings.NONCE_SECRET, value);
  }

  /**
   * Sets {@code dpop.nonceLifetime}.
   *
   * @param value how long one nonce is handed out
   * @return this builder
   */
  public DpopBuilder nonceLifetime(Duration value) {
    return put(DpopSettings.NONCE_LIFETIME, value);
  }

  /**
   * Sets {@code dpop.trustedProxies}.
   *
   * @param cidrs CIDR blocks of TLS-terminating proxies
   * @return this builder
   */
  public DpopBuilder trustedProxies(String... cidrs) {
    return put(DpopSettings.TRUSTED_PROXIES, cidrs);
  }
}
