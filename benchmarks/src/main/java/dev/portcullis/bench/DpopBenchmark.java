package dev.portcullis.bench;

import dev.portcullis.web.AuthenticationFilter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A DPoP request (RFC 9449) whose token verdict is cached, beside the bare ES256 verification of
 * its proof: the difference is what DPoP costs beyond the one signature check (target: at most 2
 * µs). Each invocation carries a fresh proof (a new {@code jti}), signed before the iteration,
 * since a proof is single-use. Compare with {@link CachedBenchmark}'s {@code jwt} cached hit.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@BenchmarkMode(Mode.AverageTime)
@Fork(2)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 3, time = 2)
public class DpopBenchmark {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final String URI = "https://api.example/api/me";

  /**
   * Proofs signed per iteration: more than a 5 s iteration uses at about 1 ms an ES256 check (JDK
   * 17).
   */
  private static final int PROOFS = 12_000;

  private LoopbackIssuer issuer;
  private AuthenticationFilter filter;
  private KeyPair client;
  private String token;
  private String header;
  private final List<String> proofs = new ArrayList<>(PROOFS);
  private int next;
  private final BenchRequest request = new BenchRequest();
  private final BenchResponse response = new BenchResponse();
  private Signature verifier;
  private byte[] input;
  private byte[] signature;

  /**
   * Starts the issuer and a jwt filter with DPoP on; the token's verdict is cached by a first call.
   *
   * @throws Exception when set-up fails
   */
  @Setup
  public void setUp() throws Exception {
    issuer = new LoopbackIssuer();
    client = Algorithm.ES256.generate();
    ECPublicKey key = (ECPublicKey) client.getPublic();
    String x = B64.encodeToString(unsigned(key.getW().getAffineX().toByteArray()));
    String y = B64.encodeToString(unsigned(key.getW().getAffineY().toByteArray()));
    String jkt =
        B64.encodeToString(
            MessageDigest.getInstance("SHA-256")
                .digest(
                    ("{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}")
                        .getBytes(StandardCharsets.UTF_8)));
    header =
        B64.encodeToString(
            ("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\","
                    + "\"x\":\""
                    + x
                    + "\",\"y\":\""
                    + y
                    + "\"}}")
                .getBytes(StandardCharsets.UTF_8));
    token = issuer.token(Algorithm.RS256, ",\"cnf\":{\"jkt\":\"" + jkt + "\"}");
    filter =
        AuthenticationFilter.builder()
            .mechanisms("jwt")
            .set("jwt.issuer", issuer.issuer())
            .set("jwt.jwksUri", issuer.jwksUri())
            .set("jwt.audience", LoopbackIssuer.AUDIENCE)
            .set("jwt.algorithms", "RS256")
            .set("jwt.rolesClaim", "groups")
            .set("dpop.enabled", "true")
            .build();
    filter.init(new BenchFilterConfig("bench-dpop"));
    request.header("Authorization", "DPoP " + token);
    String proof = proof();
    verifier = Algorithm.ES256.jca();
    verifier.initVerify(client.getPublic());
    int dot = proof.lastIndexOf('.');
    input = proof.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
    signature = Base64.getUrlDecoder().decode(proof.substring(dot + 1));
    request.header("DPoP", proof);
    filter.doFilter(request.reset(), response, Mechanism.NO_OP);
    if (response.status() != 200) {
      throw new IllegalStateException("DPoP request refused: " + response.status());
    }
  }

  /**
   * Signs this iteration's proofs, outside the measured time.
   *
   * @throws Exception never on a standard JDK
   */
  @Setup(Level.Iteration)
  public void signProofs() throws Exception {
    proofs.clear();
    for (int i = 0; i < PROOFS; i++) {
      proofs.add(proof());
    }
    next = 0;
  }

  private String proof() throws Exception {
    String claims =
        "{\"jti\":\""
            + UUID.randomUUID()
            + "\",\"htm\":\"GET\",\"htu\":\""
            + URI
            + "\",\"iat\":"
            + System.currentTimeMillis() / 1000
            + ",\"ath\":\""
            + B64.encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)))
            + "\"}";
    String signingInput =
        header + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Signature s = Algorithm.ES256.jca();
    s.initSign(client.getPrivate());
    s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + B64.encodeToString(s.sign());
  }

  private static byte[] unsigned(byte[] twosComplement) {
    byte[] out = new byte[32];
    int n = Math.min(32, twosComplement.length);
    System.arraycopy(twosComplement, twosComplement.length - n, out, 32 - n, n);
    return out;
  }

  /** Stops the issuer and the filter. */
  @TearDown
  public void tearDown() {
    filter.destroy();
    issuer.close();
  }

  /**
   * A DPoP request with a cached token and a fresh proof, through the whole filter.
   *
   * @return the status
   * @throws Exception never
   */
  @Benchmark
  public int dpopCachedToken() throws Exception {
    request.header("DPoP", proofs.get(next++));
    filter.doFilter(request.reset(), response, Mechanism.NO_OP);
    return response.status();
  }

  /**
   * The floor: one JCA ES256 verification of a proof's signature.
   *
   * @return the verdict
   * @throws Exception never
   */
  @Benchmark
  public boolean es256Verify() throws Exception {
    verifier.update(input);
    return verifier.verify(signature);
  }
}
