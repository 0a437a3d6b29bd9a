package dev.portcullis.bench;

import dev.portcullis.web.AuthenticationFilter;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
  /**
   * Proofs signed per iteration: more than a 5 s iteration uses at about 1 ms an ES256 check (JDK
   * 17).
   */
  private static final int PROOFS = 12_000;

  private LoopbackIssuer issuer;
  private DpopClient client;
  private AuthenticationFilter filter;
  private String token;
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
    client = new DpopClient();
    token = issuer.token(Algorithm.RS256, client.confirmation());
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
    String proof = client.proof(token);
    verifier = Algorithm.ES256.jca();
    verifier.initVerify(client.key.getPublic());
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
      proofs.add(client.proof(token));
    }
    next = 0;
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
