package dev.portcullis.jwt;

import dev.portcullis.jose.MalformedJson;
import dev.portcullis.jose.Roca;
import dev.portcullis.jose.SigningAlgorithm;
import dev.portcullis.jose.StrictJson;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The usable verification keys of one JWKS document. Keys that must never verify anything are
 * dropped when the document is read: symmetric and private keys, {@code use} other than {@code
 * sig}, {@code key_ops} without {@code verify}, RSA under 2048 bits, with a tiny exponent or with
 * the ROCA fingerprint (CVE-2017-15361), EC points off their curve, every key whose {@code kid}
 * appears twice, and anything jose4j cannot build.
 *
 * <p>One key, one algorithm (RFC 8725 §3.1): a key that names no {@code alg} is bound when it is
 * read to the issuer's one algorithm for its key type ({@code keyAlgorithms}); with none it
 * verifies nothing.
 *
 * @param keys the usable keys
 * @param vulnerable the key ids of the RSA keys refused for the ROCA fingerprint ({@code ""} for a
 *     key without one), to be reported
 */
record KeySet(List<Key> keys, List<String> vulnerable) {
  private static final int MIN_RSA_BITS = 2048;

  /**
   * One usable key.
   *
   * @param kid the key id, or null
   * @param alg the one algorithm the key verifies: its own {@code alg}, else the one it is bound
   *     to, else null (it verifies nothing)
   * @param keyType the JWK {@code kty}
   * @param curve the JWK {@code crv}, or null
   * @param publicKey the key
   */
  record Key(String kid, String alg, String keyType, String curve, PublicKey publicKey) {

    boolean fits(SigningAlgorithm algorithm) {
      return algorithm.name().equals(alg)
          && keyType.equals(algorithm.keyType())
          && (algorithm.curve() == null || algorithm.curve().equals(curve));
    }
  }

  /**
   * Reads a JWKS document.
   *
   * @param json the bytes fetched
   * @param maxKeys the most keys a document may hold
   * @param keyAlgorithms the algorithm bound to keys without {@code alg}, at most one per key type
   *     and curve
   * @return the usable keys
   * @throws MalformedJson when the document is not a strict JSON object with a {@code keys} array,
   *     or holds too many keys
   */
  static KeySet parse(byte[] json, int maxKeys, Set<SigningAlgorithm> keyAlgorithms)
      throws MalformedJson {
    Map<String, Object> doc = StrictJson.parseObject(json);
    if (!(doc.get("keys") instanceof List<?> entries)) {
      throw new MalformedJson("no keys array");
    }
    if (entries.size() > maxKeys) {
      throw new MalformedJson("too many keys");
    }
    Map<String, Integer> kidCounts = new HashMap<>();
    for (Object e : entries) {
      if (e instanceof Map<?, ?> m && m.get("kid") instanceof String kid) {
        kidCounts.merge(kid, 1, Integer::sum);
      }
    }
    List<Key> keys = new ArrayList<>();
    List<String> vulnerable = new ArrayList<>();
    for (Object e : entries) {
      if (e instanceof Map<?, ?> m) {
        Object kid = m.get("kid");
        if (kid != null && (!(kid instanceof String k) || kidCounts.get(k) != 1)) {
          continue;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) m;
        Key key = usable(params, keyAlgorithms);
        if (key != null && roca(key)) {
          vulnerable.add(key.kid() == null ? "" : key.kid());
        } else if (key != null) {
          keys.add(key);
        }
      }
    }
    return new KeySet(List.copyOf(keys), List.copyOf(vulnerable));
  }

  private static boolean roca(Key key) {
    return key.publicKey() instanceof RSAPublicKey rsa && Roca.fingerprinted(rsa.getModulus());
  }

  private static Key usable(Map<String, Object> jwk, Set<SigningAlgorithm> keyAlgorithms) {
    Object kty = jwk.get("kty");
    if (!("RSA".equals(kty) || "EC".equals(kty) || "OKP".equals(kty))
        || jwk.containsKey("d")
        || (jwk.containsKey("use") && !"sig".equals(jwk.get("use")))
        || (jwk.containsKey("key_ops")
            && !(jwk.get("key_ops") instanceof List<?> ops && ops.contains("verify")))
        || (jwk.containsKey("alg") && !(jwk.get("alg") instanceof String))
        || (jwk.containsKey("crv") && !(jwk.get("crv") instanceof String))) {
      return null;
    }
    PublicKey publicKey;
    try {
      JsonWebKey built = JsonWebKey.Factory.newJwk(jwk);
      publicKey = built instanceof PublicJsonWebKey p ? p.getPublicKey() : null;
    } catch (JoseException | RuntimeException e) {
      return null;
    }
    if (publicKey == null || !strong(publicKey)) {
      return null;
    }
    String crv = (String) jwk.get("crv");
    String alg = (String) jwk.get("alg");
    if (alg == null) {
      alg =
          keyAlgorithms.stream()
              .filter(a -> a.keyType().equals(kty) && (a.curve() == null || a.curve().equals(crv)))
              .map(SigningAlgorithm::name)
              .findFirst()
              .orElse(null);
    }
    return new Key((String) jwk.get("kid"), alg, (String) kty, crv, publicKey);
  }

  private static boolean strong(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      BigInteger e = rsa.getPublicExponent();
      return rsa.getModulus().bitLength() >= MIN_RSA_BITS
          && e.compareTo(BigInteger.valueOf(3)) >= 0
          && e.testBit(0);
    }
    if (key instanceof ECPublicKey ec) {
      return onCurve(ec.getW(), ec.getParams().getCurve());
    }
    return true;
  }

  /** y² = x³ + ax + b (mod p), with both coordinates in [0, p). */
  static boolean onCurve(ECPoint point, EllipticCurve curve) {
    if (point.equals(ECPoint.POINT_INFINITY) || !(curve.getField() instanceof ECFieldFp fp)) {
      return false;
    }
    BigInteger p = fp.getP();
    BigInteger x = point.getAffineX();
    BigInteger y = point.getAffineY();
    if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
    return left.equals(right);
  }

  /**
   * The keys that may verify a token with this key id and algorithm. Without a {@code kid} only a
   * single fitting key is returned, never a guess among several.
   *
   * @param kid the token's key id, or null
   * @param algorithm the token's algorithm
   * @return the candidates, at most one
   */
  List<Key> find(String kid, SigningAlgorithm algorithm) {
    List<Key> fitting = new ArrayList<>();
    for (Key k : keys) {
      if (Objects.equals(k.kid(), kid) && k.fits(algorithm)) {
        fitting.add(k);
      }
    }
    if (kid == null) {
      fitting.clear();
      keys.stream().filter(k -> k.fits(algorithm)).forEach(fitting::add);
    }
    return fitting.size() == 1 ? fitting : List.of();
  }

  /**
   * Whether some key carries this id, whatever its algorithm.
   *
   * @param kid a key id
   * @return true when known
   */
  boolean knows(String kid) {
    return kid == null || keys.stream().anyMatch(k -> kid.equals(k.kid()));
  }
}
