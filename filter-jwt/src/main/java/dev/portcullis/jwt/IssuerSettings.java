package dev.portcullis.jwt;

import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.config.SecretBytes;
import dev.portcullis.http.Endpoints;
import dev.portcullis.jose.SigningAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The validated settings of one trusted issuer. Key names are relative to the issuer's prefix
 * ({@code jwt.} for a single issuer, {@code jwt.<name>.} for each entry of {@code jwt.issuers}).
 *
 * @param issuer the exact {@code iss}
 * @param audiences accepted {@code aud} values; a token must carry at least one
 * @param algorithms the accepted JWS algorithms
 * @param keyAlgorithms the algorithm each JWKS key without {@code alg} is bound to, at most one per
 *     key type and curve (RFC 8725 §3.1)
 * @param sharedSecret the HMAC secret, or null
 * @param jwksUri the configured JWKS address, or null to discover it
 * @param types accepted {@code typ} values, lower case, without {@code application/}
 * @param allowMissingType whether a header without {@code typ} is accepted
 * @param clockSkew tolerance for {@code nbf} and {@code iat} ({@code exp} has none)
 * @param maxLifetime the longest accepted {@code exp - iat}, if limited
 * @param requiredClaims claims that must be present
 * @param claimValues claims that must have (or, for arrays, contain) a value
 * @param principalClaim the claim naming the principal
 * @param rolesClaim the dotted path of the roles array, or null
 */
record IssuerSettings(
    String issuer,
    List<String> audiences,
    Set<SigningAlgorithm> algorithms,
    Set<SigningAlgorithm> keyAlgorithms,
    byte[] sharedSecret,
    URI jwksUri,
    Set<String> types,
    boolean allowMissingType,
    Duration clockSkew,
    Optional<Duration> maxLifetime,
    List<String> requiredClaims,
    Map<String, String> claimValues,
    String principalClaim,
    String rolesClaim) {

  static final String ISSUER = "issuer";
  static final String AUDIENCE = "audience";
  static final String ALGORITHMS = "algorithms";
  static final String KEY_ALGORITHMS = "keyAlgorithms";
  static final String SHARED_SECRET = "sharedSecret";
  static final String JWKS_URI = "jwksUri";
  static final String TYPES = "types";
  static final String ALLOW_MISSING_TYPE = "allowMissingType";
  static final String CLOCK_SKEW = "clockSkew";
  static final String MAX_LIFETIME = "maxLifetime";
  static final String REQUIRED_CLAIMS = "requiredClaims";
  static final String CLAIM_VALUES = "claimValues";
  static final String PRINCIPAL_CLAIM = "principalClaim";
  static final String ROLES_CLAIM = "rolesClaim";

  /** Every key of one issuer, relative to {@code jwt.} or {@code jwt.<name>.}. */
  static final Set<String> KEYS =
      Set.of(
          ISSUER,
          AUDIENCE,
          ALGORITHMS,
          KEY_ALGORITHMS,
          SHARED_SECRET,
          JWKS_URI,
          TYPES,
          ALLOW_MISSING_TYPE,
          CLOCK_SKEW,
          MAX_LIFETIME,
          REQUIRED_CLAIMS,
          CLAIM_VALUES,
          PRINCIPAL_CLAIM,
          ROLES_CLAIM);

  static final List<String> DEFAULT_ALGORITHMS = List.of("RS256", "PS256", "ES256", "EdDSA");

  /** With the default {@link #DEFAULT_ALGORITHMS}, RSA keys without {@code alg} verify RS256. */
  static final List<String> DEFAULT_KEY_ALGORITHMS = List.of("RS256");

  static final List<String> DEFAULT_TYPES = List.of("at+jwt");
  static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
  static final boolean DEFAULT_ALLOW_MISSING_TYPE = false;
  static final List<String> DEFAULT_REQUIRED_CLAIMS = List.of("sub", "client_id", "iat", "jti");
  static final String DEFAULT_PRINCIPAL_CLAIM = "sub";

  /**
   * Reads and validates one issuer's settings.
   *
   * @param c the settings, scoped to the issuer's prefix
   * @return the settings
   * @throws ConfigurationException naming the key and value of the first problem
   */
  static IssuerSettings read(Config c) {
    String issuer = c.required(ISSUER);
    List<String> audiences = c.list(AUDIENCE);
    if (audiences.isEmpty()) {
      throw new ConfigurationException("Missing required setting " + c.key(AUDIENCE));
    }
    Set<SigningAlgorithm> algorithms = algorithms(c);
    Set<SigningAlgorithm> keyAlgorithms = KeyAlgorithms.read(c, algorithms);
    byte[] secret = secret(c, algorithms);
    URI jwksUri = c.string(JWKS_URI).map(v -> remote(c, JWKS_URI, v)).orElse(null);
    boolean asymmetric = algorithms.stream().anyMatch(a -> !a.symmetric());
    if (asymmetric && jwksUri == null) {
      remote(c, ISSUER, issuer);
    }
    if (!asymmetric && jwksUri != null) {
      throw c.invalid(JWKS_URI, jwksUri.toString(), "no asymmetric algorithm is configured");
    }
    Set<String> types =
        (c.list(TYPES).isEmpty() ? DEFAULT_TYPES : c.list(TYPES))
            .stream().map(t -> normalType(c, t)).collect(Collectors.toUnmodifiableSet());
    List<String> required = c.list(REQUIRED_CLAIMS);
    return new IssuerSettings(
        issuer,
        List.copyOf(audiences),
        algorithms,
        keyAlgorithms,
        secret,
        jwksUri,
        types,
        c.bool(ALLOW_MISSING_TYPE, DEFAULT_ALLOW_MISSING_TYPE),
        c.duration(CLOCK_SKEW, DEFAULT_CLOCK_SKEW),
        c.string(MAX_LIFETIME).map(v -> c.duration(MAX_LIFETIME, null)),
        required.isEmpty() ? DEFAULT_REQUIRED_CLAIMS : required,
        claimValues(c),
        c.string(PRINCIPAL_CLAIM).orElse(DEFAULT_PRINCIPAL_CLAIM),
        c.string(ROLES_CLAIM).orElse(null));
  }

  private static Set<SigningAlgorithm> algorithms(Config c) {
    List<String> names = c.list(ALGORITHMS).isEmpty() ? DEFAULT_ALGORITHMS : c.list(ALGORITHMS);
    Set<SigningAlgorithm> result = EnumSet.noneOf(SigningAlgorithm.class);
    for (String name : names) {
      result.add(
          SigningAlgorithm.byName(name)
              .orElseThrow(
                  () ->
                      c.invalid(
                          ALGORITHMS,
                          name,
                          "not a supported JWS algorithm (none is never accepted); use "
                              + EnumSet.allOf(SigningAlgorithm.class))));
    }
    return Set.copyOf(result);
  }

  private static byte[] secret(Config c, Set<SigningAlgorithm> algorithms) {
    Optional<byte[]> secret = SecretBytes.of(c, SHARED_SECRET);
    int needed =
        algorithms.stream()
            .filter(SigningAlgorithm::symmetric)
            .mapToInt(SigningAlgorithm::size)
            .max()
            .orElse(0);
    if (needed == 0) {
      if (secret.isPresent()) {
        throw new ConfigurationException(
            "Setting " + c.key(SHARED_SECRET) + " needs an HS* entry in " + c.key(ALGORITHMS));
      }
      return null;
    }
    if (secret.isEmpty()) {
      throw c.invalid(
          ALGORITHMS, String.join(",", c.list(ALGORITHMS)), "HS* needs " + c.key(SHARED_SECRET));
    }
    byte[] bytes = secret.get();
    if (bytes.length < needed) {
      throw new ConfigurationException(
          "Setting "
              + c.key(SHARED_SECRET)
              + " is shorter than "
              + needed
              + " bytes, the hash length of the strongest HS* algorithm (RFC 7518 §3.2)");
    }
    return bytes;
  }

  private static URI remote(Config c, String key, String value) {
    try {
      URI uri = URI.create(value);
      if (uri.isAbsolute() && Endpoints.allowed(uri)) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      throw c.invalid(key, value, "not a URI");
    }
    throw c.invalid(key, value, "expected an https URI (http only to localhost)");
  }

  private static String normalType(Config c, String type) {
    String t = type.toLowerCase(Locale.ROOT);
    t = t.startsWith("application/") ? t.substring("application/".length()) : t;
    if (t.isEmpty() || !t.chars().allMatch(ch -> ch > 0x20 && ch < 0x7F && ch != ',')) {
      throw c.invalid(TYPES, type, "expected media types such as at+jwt or JWT");
    }
    return t;
  }

  private static Map<String, String> claimValues(Config c) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : c.list(CLAIM_VALUES)) {
      int eq = pair.indexOf('=');
      if (eq <= 0
          || eq == pair.length() - 1
          || values.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
        throw c.invalid(CLAIM_VALUES, pair, "expected distinct claim=value pairs");
      }
    }
    return Map.copyOf(values);
  }
}
