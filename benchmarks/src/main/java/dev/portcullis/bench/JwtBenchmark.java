package dev.portcullis.bench;

import dev.portcullis.web.AuthenticationFilter;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Uncached JWT validation beside its physical limit: {@link #rawVerify} is the bare JCA signature
 * check of the same token; {@link #portcullisUncached} is the whole filter (gate, parse, key
 * choice, signature, claims, identity) with a verdict cache that never hits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 4, time = 5) // ES256 and EdDSA warm up slowly on JDK 17
@Measurement(iterations = 3, time = 2)
public class JwtBenchmark {
  /** The token's algorithm. */
  @Param({"RS256", "PS256", "ES256", "EdDSA"})
  public Algorithm alg;

  private LoopbackIssuer issuer;
  private Scratch scratch;
  private AuthenticationFilter uncached;
  private BenchRequest request;
  private final BenchResponse response = new BenchResponse();
  private Signature raw;
  private PublicKey key;
  private byte[] input;
  private byte[] signature;

  /**
   * Starts the issuer, mints the token and checks that the filter accepts it.
   *
   * @throws Exception when set-up fails
   */
  @Setup
  public void setUp() throws Exception {
    issuer = new LoopbackIssuer();
    scratch = new Scratch();
    uncached = Mechanism.jwt.setUp(issuer, scratch.directory, false).filter();
    String token = issuer.token(alg);
    request = new BenchRequest().header("Authorization", "Bearer " + token);
    new Mechanism.Setup(uncached, request).checked();
    int dot = token.lastIndexOf('.');
    input = token.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
    signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    key = issuer.keys(alg).getPublic();
    raw = alg.jca();
    if (!rawVerify()) {
      throw new IllegalStateException("raw verification failed");
    }
  }

  /** Stops the issuer and the filter. */
  @TearDown
  public void tearDown() {
    uncached.destroy();
    issuer.close();
    scratch.close();
  }

  /**
   * The floor: one JCA verification of the token's signing input.
   *
   * @return the verdict
   * @throws Exception never
   */
  @Benchmark
  public boolean rawVerify() throws Exception {
    raw.initVerify(key);
    raw.update(input);
    return raw.verify(signature);
  }

  /**
   * The whole filter on a cache miss.
   *
   * @return the response status
   * @throws Exception never
   */
  @Benchmark
  public int portcullisUncached() throws Exception {
    uncached.doFilter(request.reset(), response, Mechanism.NO_OP);
    return response.status();
  }
}
