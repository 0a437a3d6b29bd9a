package dev.portcullis.jose;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Signature verification with the JDK's own JCA primitives, pinned to one algorithm and one key.
 *
 * <p>The token was decoded once by {@link ParsedToken}; the signature is checked over its signing
 * input with the bytes already decoded, so no JOSE library re-parses header or payload here. ECDSA
 * signatures are range-checked first and verified in their JWS (IEEE P1363, r‖s) form; RSASSA-PSS
 * uses the RFC 7518 §3.5 parameters (MGF1 with the same hash, salt as long as the hash).
 */
public final class Signatures {
  private static final int ED25519_LENGTH = 64;
  private static final int ED448_LENGTH = 114;
  private static final Map<SigningAlgorithm, ECParameterSpec> CURVES = curves();
  private static final Map<SigningAlgorithm, byte[]> ORDERS = orders();

  private Signatures() {}

  /**
   * Verifies a token's signature.
   *
   * @param token the strictly parsed token
   * @param algorithm the algorithm, already allowed for the issuer
   * @param key the single key chosen for it
   * @return true only for a valid signature
   */
  public static boolean verify(ParsedToken token, SigningAlgorithm algorithm, Key key) {
    if (token.signature().length != length(algorithm, key)
        || (algorithm.ecdsa() && !ecdsaInRange(token.signature(), algorithm, key))) {
      return false;
    }
    // the signing input is the token up to its last dot, before the signature's canonical
    // unpadded base64url
    byte[] input = token.ascii();
    int length = input.length - 1 - (token.signature().length * 4 + 2) / 3;
    try {
      if (algorithm.symmetric()) {
        return key instanceof SecretKey secret
            && hmacMatches(input, length, token, algorithm, secret);
      }
      if (!(key instanceof PublicKey publicKey)) {
        return false;
      }
      Signature verifier = verifier(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(input, 0, length);
      return verifier.verify(token.signature());
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static boolean hmacMatches(
      byte[] input, int length, ParsedToken token, SigningAlgorithm algorithm, SecretKey key)
      throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA" + bits(algorithm));
    mac.init(key);
    mac.update(input, 0, length);
    return MessageDigest.isEqual(mac.doFinal(), token.signature());
  }

  /**
   * A fresh JCA verifier for an asymmetric algorithm.
   *
   * @param algorithm an asymmetric algorithm
   * @return the verifier, with the RFC 7518 parameters set
   * @throws GeneralSecurityException for an HMAC algorithm, or when the JDK lacks the algorithm
   */
  public static Signature verifier(SigningAlgorithm algorithm) throws GeneralSecurityException {
    return switch (algorithm) {
      case RS256 -> Signature.getInstance("SHA256withRSA");
      case RS384 -> Signature.getInstance("SHA384withRSA");
      case RS512 -> Signature.getInstance("SHA512withRSA");
      case PS256, PS384, PS512 -> {
        Signature pss = Signature.getInstance("RSASSA-PSS");
        String bits = bits(algorithm);
        String hash = "SHA-" + bits;
        pss.setParameter(
            new PSSParameterSpec(
                hash, "MGF1", new MGF1ParameterSpec(hash), Integer.parseInt(bits) / 8, 1));
        yield pss;
      }
      case ES256 -> Signature.getInstance("SHA256withECDSAinP1363Format");
      case ES384 -> Signature.getInstance("SHA384withECDSAinP1363Format");
      case ES512 -> Signature.getInstance("SHA512withECDSAinP1363Format");
      case EdDSA -> Signature.getInstance("EdDSA");
      case HS256, HS384, HS512 -> throw new GeneralSecurityException("symmetric");
    };
  }

  /**
   * The exact length of a signature by this algorithm and key, so that no second encoding of one
   * signature (a trailing or leading byte, DER instead of r‖s) is ever accepted: the modulus length
   * for RSA (RFC 8017 §8.1.2), twice the curve's size for ECDSA on the algorithm's own curve (RFC
   * 7518 §3.4), 64 bytes for Ed25519 and 114 for Ed448 (RFC 8032 §5), the hash length for HMAC.
   *
   * @return the length in bytes, or -1 when the key does not suit the algorithm
   */
  static int length(SigningAlgorithm algorithm, Key key) {
    if (algorithm.symmetric()) {
      return key instanceof SecretKey ? Integer.parseInt(bits(algorithm)) / 8 : -1;
    }
    if (key instanceof RSAPublicKey rsa && "RSA".equals(algorithm.keyType())) {
      return (rsa.getModulus().bitLength() + 7) / 8;
    }
    if (key instanceof ECPublicKey ec && algorithm.ecdsa()) {
      return onCurveOf(ec, algorithm) ? 2 * algorithm.size() : -1;
    }
    if (key instanceof EdECPublicKey ed && algorithm == SigningAlgorithm.EdDSA) {
      return switch (ed.getParams().getName()) {
        case "Ed25519" -> ED25519_LENGTH;
        case "Ed448" -> ED448_LENGTH;
        default -> -1;
      };
    }
    return -1;
  }

  /**
   * Whether an EC key lies on the one curve of its ECDSA algorithm (RFC 7518 §3.4): ES256 on P-256
   * only, never on P-384 or secp256k1, whichever way the key reached us.
   */
  private static boolean onCurveOf(ECPublicKey key, SigningAlgorithm algorithm) {
    ECParameterSpec own = key.getParams();
    ECParameterSpec named = CURVES.get(algorithm);
    return own == named
        || named != null
            && own.getOrder().equals(named.getOrder())
            && own.getCofactor() == named.getCofactor()
            && own.getCurve().equals(named.getCurve())
            && own.getGenerator().equals(named.getGenerator());
  }

  private static Map<SigningAlgorithm, ECParameterSpec> curves() {
    Map<SigningAlgorithm, ECParameterSpec> curves = new EnumMap<>(SigningAlgorithm.class);
    for (SigningAlgorithm a : SigningAlgorithm.values()) {
      if (a.ecdsa()) {
        try {
          AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
          parameters.init(new ECGenParameterSpec("secp" + a.curve().substring(2) + "r1"));
          curves.put(a, parameters.getParameterSpec(ECParameterSpec.class));
        } catch (GeneralSecurityException e) {
          // a JDK without the curve: that algorithm verifies nothing
        }
      }
    }
    return Map.copyOf(curves);
  }

  /** The hash size in the algorithm's name: {@code 256} for {@code PS256}. */
  private static String bits(SigningAlgorithm algorithm) {
    return algorithm.name().substring(2);
  }

  /**
   * CVE-2022-21449 and malleability: an R‖S signature of exactly twice the curve size, by a key on
   * the algorithm's own curve, with r and s both in [1, n-1]. Compared as unsigned big-endian bytes
   * against the curve order, with no number made per signature.
   */
  static boolean ecdsaInRange(byte[] signature, SigningAlgorithm algorithm, Key key) {
    int half = algorithm.size();
    byte[] order = ORDERS.get(algorithm);
    return order != null
        && signature.length == 2 * half
        && key instanceof ECPublicKey ec
        && onCurveOf(ec, algorithm)
        && inRange(signature, 0, order)
        && inRange(signature, half, order);
  }

  /**
   * Whether the {@code order.length} bytes at {@code from} are neither 0 nor at least the order.
   */
  private static boolean inRange(byte[] signature, int from, byte[] order) {
    int any = 0;
    for (int i = from; i < from + order.length; i++) {
      any |= signature[i];
    }
    return any != 0
        && Arrays.compareUnsigned(signature, from, from + order.length, order, 0, order.length) < 0;
  }

  /** Each curve's order as unsigned big-endian bytes, as long as one half of a signature. */
  private static Map<SigningAlgorithm, byte[]> orders() {
    Map<SigningAlgorithm, byte[]> orders = new EnumMap<>(SigningAlgorithm.class);
    CURVES.forEach(
        (algorithm, curve) -> {
          byte[] order = curve.getOrder().toByteArray(); // may start with a sign byte of 0
          orders.put(
              algorithm, Arrays.copyOfRange(order, order.length - algorithm.size(), order.length));
        });
    return orders;
  }
}
