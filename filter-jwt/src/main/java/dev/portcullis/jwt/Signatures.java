package dev.portcullis.jwt;

import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/** Signature verification through jose4j, pinned to one algorithm and one key. */
final class Signatures {
  private Signatures() {}

  /**
   * Verifies a token's signature.
   *
   * @param token the strictly parsed token
   * @param algorithm the algorithm, already allowed for the issuer
   * @param key the single key chosen for it
   * @return true only for a valid signature
   */
  static boolean verify(ParsedToken token, SigningAlgorithm algorithm, Key key) {
    if (algorithm.ecdsa() && !ecdsaInRange(token.signature(), algorithm, key)) {
      return false;
    }
    try {
      JsonWebSignature jws = new JsonWebSignature();
      jws.setAlgorithmConstraints(
          new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithm.name()));
      jws.setCompactSerialization(token.compact());
      jws.setKey(key);
      return jws.verifySignature();
    } catch (JoseException | RuntimeException e) {
      return false;
    }
  }

  /**
   * CVE-2022-21449 and malleability: an R‖S signature of exactly twice the curve size with r and s
   * both in [1, n-1].
   */
  static boolean ecdsaInRange(byte[] signature, SigningAlgorithm algorithm, Key key) {
    int half = algorithm.size();
    if (signature.length != 2 * half || !(key instanceof ECPublicKey ec)) {
      return false;
    }
    BigInteger n = ec.getParams().getOrder();
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, half));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, half, 2 * half));
    return r.signum() > 0 && s.signum() > 0 && r.compareTo(n) < 0 && s.compareTo(n) < 0;
  }
}
