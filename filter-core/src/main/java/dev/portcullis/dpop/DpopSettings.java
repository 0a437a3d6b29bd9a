package dev.portcullis.dpop;

import dev.portcullis.config.Config;
import dev.portcullis.config.Lists;
import dev.portcullis.config.ProxyAddresses;
import dev.portcullis.jose.SigningAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The validated DPoP settings of one filter (keys under {@value #PREFIX}{@code .}).
 *
 * @param enabled whether {@code Authorization: DPoP} is read at all
 * @param required whether every access token must be DPoP-bound (Bearer tokens refused)
 * @param algorithms the asymmetric proof algorithms accepted
 * @param proofLifetime how old a proof's {@code iat} may be
 * @param clockSkew how far in the future a proof's {@code iat} may be
 * @param maxProofLength the longest {@code DPoP} field read, in characters
 * @param nonceSecret the HMAC secret of server nonces, or null when nonces are off
 * @param nonceLifetime how long one nonce is issued before the next (the previous is still taken)
 * @param trustedProxies peers whose {@code X-Forwarded-Proto} / {@code X-Forwarded-Host} give the
 *     scheme and host of {@code htu}
 */
public record DpopSettings(
    boolean enabled,
    boolean required,
    Set<SigningAlgorithm> algorithms,
    Duration proofLifetime,
    Duration clockSkew,
    int maxProofLength,
    byte[] nonceSecret,
    Duration nonceLifetime,
    ProxyAddresses trustedProxies) {

  /** The prefix of every DPoP key, as in {@code dpop.enabled}. */
  public static final String PREFIX = "dpop";

  /** Key: read {@code Authorization: DPoP} and check proofs. */
  public static final String ENABLED = "enabled";

  /** Key: refuse access tokens that are not DPoP-bound. */
  public static final String REQUIRED = "required";

  /** Key: accepted proof algorithms, comma-separated. */
  public static final String ALGORITHMS = "algorithms";

  /** Key: the oldest {@code iat} accepted, as a duration before now. */
  public static final String PROOF_LIFETIME = "proofLifetime";

  /** Key: the latest {@code iat} accepted, as a duration after now. */
  public static final String CLOCK_SKEW = "clockSkew";

  /** Key: the longest proof read. */
  public static final String MAX_PROOF_LENGTH = "maxProofLength";

  /** Key: the secret of server nonces ({@code env:NAME}, {@code file:/path}); sets nonces on. */
  public static final String NONCE_SECRET = "nonceSecret";

  /** Key: how long one nonce is issued. */
  public static final String NONCE_LIFETIME = "nonceLifetime";

  /** Key: trusted proxies for the scheme and host of {@code htu}. */
  public static final String TRUSTED_PROXIES = "trustedProxies";

  /** Default of {@value #ALGORITHMS}: every asymmetric algorithm Portcullis verifies. */
  public static final String DEFAULT_ALGORITHMS = "ES256,ES384,ES512,PS256,PS384,PS512,RS256,EdDSA";

  /** Default of {@value #PROOF_LIFETIME}. */
  public static final Duration DEFAULT_PROOF_LIFETIME = Duration.ofSeconds(60);

  /** Default of {@value #CLOCK_SKEW}. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(5);

  /** Default of {@value #MAX_PROOF_LENGTH}: room for an RSA 4096 key and the claims. */
  public static final int DEFAULT_MAX_PROOF_LENGTH = 4096;

  /** Default of {@value #NONCE_LIFETIME}. */
  public static final Duration DEFAULT_NONCE_LIFETIME = Duration.ofMinutes(5);

  /** Default of {@value #ENABLED}: DPoP is off. */
  public static final boolean DEFAULT_ENABLED = false;

  /** Default of {@value #REQUIRED}: Bearer tokens that are not DPoP-bound are accepted. */
  public static final boolean DEFAULT_REQUIRED = false;

  private static final int MIN_SECRET_BYTES = 32;

  /** The keys, for the filter's list of settings. */
  public static final List<String> KEYS =
      List.of(
          ENABLED,
          REQUIRED,
          ALGORITHMS,
          PROOF_LIFETIME,
          CLOCK_SKEW,
          MAX_PROOF_LENGTH,
          NONCE_SECRET,
          NONCE_LIFETIME,
          TRUSTED_PROXIES);

  /**
   * Reads and checks the settings.
   *
   * @param c the filter's settings under {@value #PREFIX}
   * @return the settings; {@link #enabled()} false when DPoP is off
   * @throws dev.portcullis.config.ConfigurationException naming the key and value of a bad setting
   */
  public static DpopSettings from(Config c) {
    boolean enabled = c.bool(ENABLED, DEFAULT_ENABLED);
    boolean required = c.bool(REQUIRED, DEFAULT_REQUIRED);
    if (required && !enabled) {
      throw c.invalid(REQUIRED, "true", "needs " + c.key(ENABLED) + "=true");
    }
    Set<SigningAlgorithm> algorithms = EnumSet.noneOf(SigningAlgorithm.class);
    for (String name : c.list(ALGORITHMS)) {
      algorithms.add(algorithm(c, name));
    }
    if (algorithms.isEmpty()) {
      Lists.split(DEFAULT_ALGORITHMS, ',').forEach(n -> algorithms.add(algorithm(c, n)));
    }
    Duration lifetime = c.positiveDuration(PROOF_LIFETIME, DEFAULT_PROOF_LIFETIME);
    Duration skew = c.duration(CLOCK_SKEW, DEFAULT_CLOCK_SKEW);
    int length = c.integer(MAX_PROOF_LENGTH, DEFAULT_MAX_PROOF_LENGTH, 256, 65_536);
    byte[] secret =
        c.secret(NONCE_SECRET).map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
    if (secret != null && secret.length < MIN_SECRET_BYTES) {
      throw c.invalid(NONCE_SECRET, "***", "must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    Duration nonceLifetime = c.positiveDuration(NONCE_LIFETIME, DEFAULT_NONCE_LIFETIME);
    ProxyAddresses proxies;
    try {
      proxies = ProxyAddresses.parse(c.list(TRUSTED_PROXIES));
    } catch (IllegalArgumentException e) {
      throw c.invalid(TRUSTED_PROXIES, String.join(",", c.list(TRUSTED_PROXIES)), e.getMessage());
    }
    return new DpopSettings(
        enabled,
        required,
        Set.copyOf(algorithms),
        lifetime,
        skew,
        length,
        secret,
        nonceLifetime,
        proxies);
  }

  private static SigningAlgorithm algorithm(Config c, String name) {
    SigningAlgorithm a =
        SigningAlgorithm.byName(name)
            .orElseThrow(() -> c.invalid(ALGORITHMS, name, "not a JWS algorithm"));
    if (a.symmetric()) {
      // RFC 9449 §4.2: a proof is signed with an asymmetric key the client holds
      throw c.invalid(ALGORITHMS, name, "DPoP proofs use asymmetric algorithms only");
    }
    return a;
  }

  /**
   * The accepted algorithms as the {@code algs} of a challenge and the RFC 9728 metadata list.
   *
   * @return names separated by one space, in a fixed order
   */
  public String algorithmNames() {
    return algorithms.stream()
        .sorted()
        .map(SigningAlgorithm::name)
        .collect(Collectors.joining(" "));
  }

  /**
   * Whether server nonces are on.
   *
   * @return true when {@value #NONCE_SECRET} is set
   */
  public boolean nonces() {
    return nonceSecret != null;
  }
}
