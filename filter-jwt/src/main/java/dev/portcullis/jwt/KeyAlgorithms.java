package dev.portcullis.jwt;

import dev.portcullis.config.Config;
import dev.portcullis.jose.SigningAlgorithm;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@code keyAlgorithms}: the one algorithm a JWKS key without {@code alg} verifies, per key
 * type (RFC 8725 §3.1, "one key, one algorithm"). Unset, a key type with exactly one algorithm in
 * {@code algorithms} is bound to it; a key type with several (RS256 and PS256, say) stops
 * deployment until the setting names one. Under the default algorithm list RSA keys are bound to
 * RS256. The shared secret, a key without {@code alg} too, verifies the one HMAC algorithm in
 * {@code algorithms}; several stop deployment.
 */
final class KeyAlgorithms {
  private KeyAlgorithms() {}

  /**
   * Binds each asymmetric key type of the allowed algorithms to one algorithm.
   *
   * @param c the issuer's settings
   * @param algorithms the issuer's allowed algorithms
   * @return at most one algorithm per key type and curve
   * @throws dev.portcullis.config.ConfigurationException naming the setting when a binding is
   *     missing, doubled or not allowed, or when several HMAC algorithms would share the secret
   */
  static Set<SigningAlgorithm> read(Config c, Set<SigningAlgorithm> algorithms) {
    List<String> names = c.list(IssuerSettings.KEY_ALGORITHMS);
    if (names.isEmpty() && c.list(IssuerSettings.ALGORITHMS).isEmpty()) {
      names = IssuerSettings.DEFAULT_KEY_ALGORITHMS;
    }
    Map<String, SigningAlgorithm> bound = new LinkedHashMap<>();
    for (String name : names) {
      SigningAlgorithm a =
          SigningAlgorithm.byName(name)
              .filter(algorithms::contains)
              .filter(x -> !x.symmetric())
              .orElseThrow(
                  () ->
                      c.invalid(
                          IssuerSettings.KEY_ALGORITHMS,
                          name,
                          "not an asymmetric algorithm of " + c.key(IssuerSettings.ALGORITHMS)));
      if (bound.put(family(a), a) != null) {
        throw c.invalid(
            IssuerSettings.KEY_ALGORITHMS, name, "a second algorithm for " + family(a) + " keys");
      }
    }
    for (SigningAlgorithm a : algorithms) {
      if (bound.containsKey(family(a))) {
        continue;
      }
      Set<SigningAlgorithm> same = EnumSet.copyOf(algorithms);
      same.removeIf(x -> !family(x).equals(family(a)));
      if (same.size() > 1) {
        // one key, one algorithm: a shared secret or a JWKS key without alg must not verify two
        String why =
            a.symmetric()
                ? "several HMAC algorithms "
                    + same
                    + " would share the one "
                    + c.key(IssuerSettings.SHARED_SECRET)
                    + "; list one of them"
                : "several algorithms "
                    + same
                    + " fit "
                    + family(a)
                    + " keys; set "
                    + c.key(IssuerSettings.KEY_ALGORITHMS)
                    + " to the one a JWKS key without alg verifies";
        throw c.invalid(
            IssuerSettings.ALGORITHMS,
            String.join(",", c.list(IssuerSettings.ALGORITHMS)),
            why + " (RFC 8725 §3.1)");
      }
      if (!a.symmetric()) {
        bound.put(family(a), a);
      }
    }
    return Set.copyOf(bound.values());
  }

  /** The key type, and for ECDSA the curve: {@code RSA}, {@code EC P-256}, {@code OKP}. */
  private static String family(SigningAlgorithm a) {
    return a.curve() == null ? a.keyType() : a.keyType() + " " + a.curve();
  }

  /**
   * The bindings for the start-up summary.
   *
   * @param keyAlgorithms the bound algorithms
   * @return their names, sorted
   */
  static String describe(Set<SigningAlgorithm> keyAlgorithms) {
    return keyAlgorithms.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }
}
