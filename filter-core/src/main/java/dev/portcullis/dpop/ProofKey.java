package dev.portcullis.dpop;

import dev.portcullis.Fingerprint;
import dev.portcullis.jose.ParsedToken;
import dev.portcullis.jose.Roca;
import dev.portcullis.jose.SigningAlgorithm;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The public key of a DPoP proof's {@code jwk} header (RFC 9449 §4.2) and its RFC 7638 thumbprint,
 * built with the JDK alone. Refused: private members, symmetric keys, members that are not strings,
 * a key that does not suit the header's algorithm (one algorithm per key: the JWK's own {@code alg}
 * must be the header's), EC points off the curve, RSA keys under 2048 bits, with an even or tiny
 * exponent, or with the ROCA fingerprint.
 *
 * @param key the public key
 * @param thumbprint base64url SHA-256 of the RFC 7638 canonical JSON
 */
record ProofKey(PublicKey key, String thumbprint) {
  private static final Set<String> PRIVATE = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
  private static final int MIN_RSA_BITS = 2048;

  /** DER prefixes of X.509 SubjectPublicKeyInfo for Ed25519 and Ed448 (RFC 8410). */
  private static final byte[] ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private static final byte[] ED448_PREFIX = HexFormat.of().parseHex("3043300506032b6571033a00");

  /** The key is not acceptable; the message is ours. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * Builds the key of a proof.
   *
   * @param header the proof's protected header
   * @param algorithm the header's algorithm, already allowed
   * @return the key and its thumbprint
   * @throws Refused when the {@code jwk} is missing or not acceptable
   */
  static ProofKey of(Map<String, Object> header, SigningAlgorithm algorithm) throws Refused {
    if (!(header.get("jwk") instanceof Map<?, ?> jwk)) {
      throw new Refused("no jwk");
    }
    for (Map.Entry<?, ?> e : jwk.entrySet()) {
      if (PRIVATE.contains(e.getKey())) {
        throw new Refused("private member");
      }
    }
    if (jwk.containsKey("alg") && !algorithm.name().equals(jwk.get("alg"))
        || jwk.containsKey("use") && !"sig".equals(jwk.get("use"))
        || jwk.containsKey("key_ops")
            && !(jwk.get("key_ops") instanceof List<?> ops && ops.contains("verify"))) {
      throw new Refused("key not for this algorithm");
    }
    String kty = member(jwk, "kty");
    if (!kty.equals(algorithm.keyType())) {
      throw new Refused("kty does not suit alg");
    }
    try {
      return switch (kty) {
        case "EC" -> ec(jwk, algorithm);
        case "RSA" -> rsa(jwk);
        case "OKP" -> okp(jwk);
        default -> throw new Refused("kty");
      };
    } catch (GeneralSecurityException | ParsedToken.BadToken | IllegalArgumentException e) {
      throw new Refused("bad key material");
    }
  }

  private static ProofKey ec(Map<?, ?> jwk, SigningAlgorithm algorithm)
      throws Refused, GeneralSecurityException, ParsedToken.BadToken {
    String crv = member(jwk, "crv");
    if (!crv.equals(algorithm.curve())) {
      throw new Refused("curve does not suit alg");
    }
    String x = member(jwk, "x");
    String y = member(jwk, "y");
    byte[] xb = ParsedToken.decode(x);
    byte[] yb = ParsedToken.decode(y);
    if (xb.length != algorithm.size() || yb.length != algorithm.size()) {
      throw new Refused("coordinate length");
    }
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec(stdName(crv)));
    ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
    ECPoint point = new ECPoint(new BigInteger(1, xb), new BigInteger(1, yb));
    if (!onCurve(point, spec)) {
      throw new Refused("point not on the curve");
    }
    PublicKey key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    return new ProofKey(
        key,
        thumbprint(
            "{\"crv\":\"" + crv + "\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}"));
  }

  private static String stdName(String crv) {
    return switch (crv) {
      case "P-256" -> "secp256r1";
      case "P-384" -> "secp384r1";
      default -> "secp521r1";
    };
  }

  /** y² = x³ + ax + b (mod p), with both coordinates in [0, p). */
  private static boolean onCurve(ECPoint point, ECParameterSpec spec) {
    BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
    BigInteger x = point.getAffineX();
    BigInteger y = point.getAffineY();
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger right =
        x.pow(3).add(spec.getCurve().getA().multiply(x)).add(spec.getCurve().getB()).mod(p);
    return y.pow(2).mod(p).equals(right);
  }

  private static ProofKey rsa(Map<?, ?> jwk)
      throws Refused, GeneralSecurityException, ParsedToken.BadToken {
    String n = member(jwk, "n");
    String e = member(jwk, "e");
    byte[] nb = ParsedToken.decode(n);
    byte[] eb = ParsedToken.decode(e);
    if (nb.length == 0 || nb[0] == 0 || eb.length == 0 || eb[0] == 0) {
      throw new Refused("non-minimal integer");
    }
    BigInteger modulus = new BigInteger(1, nb);
    BigInteger exponent = new BigInteger(1, eb);
    if (modulus.bitLength() < MIN_RSA_BITS
        || !exponent.testBit(0)
        || exponent.compareTo(BigInteger.valueOf(3)) < 0
        || Roca.fingerprinted(modulus)) {
      throw new Refused("weak RSA key");
    }
    PublicKey key =
        KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
    return new ProofKey(
        key, thumbprint("{\"e\":\"" + e + "\",\"kty\":\"RSA\",\"n\":\"" + n + "\"}"));
  }

  private static ProofKey okp(Map<?, ?> jwk)
      throws Refused, GeneralSecurityException, ParsedToken.BadToken {
    String crv = member(jwk, "crv");
    String x = member(jwk, "x");
    byte[] xb = ParsedToken.decode(x);
    byte[] prefix =
        switch (crv) {
          case "Ed25519" -> ED25519_PREFIX;
          case "Ed448" -> ED448_PREFIX;
          default -> throw new Refused("curve");
        };
    if (xb.length != prefix[prefix.length - 2] - 1) { // the BIT STRING length, less its pad byte
      throw new Refused("key length");
    }
    byte[] der = new byte[prefix.length + xb.length];
    System.arraycopy(prefix, 0, der, 0, prefix.length);
    System.arraycopy(xb, 0, der, prefix.length, xb.length);
    PublicKey key = KeyFactory.getInstance("EdDSA").generatePublic(new X509EncodedKeySpec(der));
    return new ProofKey(
        key, thumbprint("{\"crv\":\"" + crv + "\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}"));
  }

  private static String member(Map<?, ?> jwk, String name) throws Refused {
    if (!(jwk.get(name) instanceof String s) || s.isEmpty()) {
      throw new Refused("member missing or not a string");
    }
    return s;
  }

  /** RFC 7638 §3: SHA-256 of the required members, sorted, without white space. */
  private static String thumbprint(String canonicalJson) throws GeneralSecurityException {
    return Fingerprint.of(canonicalJson); // base64url(SHA-256(UTF-8)), the one copy of it
  }
}
