package dev.portcullis.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.UUID;

/**
 * A DPoP client (RFC 9449) for benchmarks: an ES256 key, the proof header that carries it, its RFC
 * 7638 thumbprint for a token's {@code cnf.jkt}, and proofs for one URI and method.
 */
final class DpopClient {
  /** The URI the proofs name, as {@link BenchRequest} presents it. */
  private static final String URI = "https://api.example/api/me";

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final int COORDINATE = 32;

  final KeyPair key;
  final String jkt;
  private final String header;
  private final String session = UUID.randomUUID().toString();
  private long proofs;

  DpopClient() throws GeneralSecurityException {
    key = Algorithm.ES256.generate();
    ECPublicKey pub = (ECPublicKey) key.getPublic();
    String x = B64.encodeToString(unsigned(pub.getW().getAffineX().toByteArray()));
    String y = B64.encodeToString(unsigned(pub.getW().getAffineY().toByteArray()));
    jkt =
        B64.encodeToString(
            sha256("{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}"));
    header =
        B64.encodeToString(
            ("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\","
                    + "\"x\":\""
                    + x
                    + "\",\"y\":\""
                    + y
                    + "\"}}")
                .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The {@code cnf} claim binding a token to this key, as extra claims for {@link
   * LoopbackIssuer#token(Algorithm, String)}.
   */
  String confirmation() {
    return ",\"cnf\":{\"jkt\":\"" + jkt + "\"}";
  }

  /**
   * A signed proof for {@code GET} of {@link #URI} with a fresh {@code jti} and the current time.
   *
   * @param token the access token the proof goes with (its hash is {@code ath})
   * @return the compact JWS
   * @throws GeneralSecurityException never on a standard JDK
   */
  String proof(String token) throws GeneralSecurityException {
    String input = signingInput(token);
    Signature s = Algorithm.ES256.jca();
    s.initSign(key.getPrivate());
    s.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + B64.encodeToString(s.sign());
  }

  /**
   * Unsigned proofs, whose signature is r = s = 1 (of the right length and range but false,
   * accepted only where {@link UncheckedEcdsa} stands in for the check), made one per request, each
   * a fresh string as a container makes the field's value for each request: the claims' encoding is
   * kept, and each proof re-encodes only its own 12-character part of the {@code jti} (16 base64url
   * characters) and, once a second, the part holding {@code iat}.
   *
   * @param token the access token the proofs go with
   * @return the source of proofs
   * @throws GeneralSecurityException never on a standard JDK
   */
  ProofStream unsignedProofs(String token) throws GeneralSecurityException {
    byte[] signature = new byte[2 * COORDINATE];
    signature[COORDINATE - 1] = 1;
    signature[2 * COORDINATE - 1] = 1;
    return new ProofStream(
        header, B64.encodeToString(sha256(token)), B64.encodeToString(signature));
  }

  /** Fresh proofs on demand; see {@link #unsignedProofs}. Not thread-safe. */
  static final class ProofStream {
    /** {@code {"jti":"p}: nine bytes, so that the counter starts a base64 group. */
    private static final String START = "{\"jti\":\"p";

    private static final int COUNTER = 12;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final String head;
    private final String ath;
    private final String signature;
    private final byte[] counter = new byte[COUNTER];
    private long next = System.nanoTime() & 0xFFFF_FFFFL;
    private long second = -1;
    private String tail;

    private ProofStream(String header, String ath, String signature) {
      this.head = header + "." + B64.encodeToString(START.getBytes(StandardCharsets.US_ASCII));
      this.ath = ath;
      this.signature = signature;
    }

    /**
     * The next proof: a {@code jti} not used before by this stream, {@code iat} the current second.
     *
     * @return the compact JWS
     */
    String next() {
      long now = System.currentTimeMillis() / 1000;
      if (now != second) {
        second = now;
        String rest =
            "\",\"htm\":\"GET\",\"htu\":\""
                + URI
                + "\",\"iat\":"
                + now
                + ",\"ath\":\""
                + ath
                + "\"}";
        tail = B64.encodeToString(rest.getBytes(StandardCharsets.US_ASCII)) + "." + signature;
      }
      long n = next++;
      for (int i = COUNTER - 1; i >= 0; i--, n >>>= 4) {
        counter[i] = HEX[(int) (n & 0xF)];
      }
      return head + B64.encodeToString(counter) + tail;
    }
  }

  private String signingInput(String token) throws GeneralSecurityException {
    String claims =
        "{\"jti\":\""
            + session
            + '-'
            + proofs++
            + "\",\"htm\":\"GET\",\"htu\":\""
            + URI
            + "\",\"iat\":"
            + System.currentTimeMillis() / 1000
            + ",\"ath\":\""
            + B64.encodeToString(sha256(token))
            + "\"}";
    return header + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(String s) throws GeneralSecurityException {
    return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] unsigned(byte[] twosComplement) {
    byte[] out = new byte[COORDINATE];
    int n = Math.min(COORDINATE, twosComplement.length);
    System.arraycopy(twosComplement, twosComplement.length - n, out, COORDINATE - n, n);
    return out;
  }
}
