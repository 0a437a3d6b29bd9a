package dev.portcullis.bench;

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
 * A refused request through the whole filter ({@code doFilter} answering 401) with the audit on:
 * the audit logger at INFO, so each refusal is counted and passes the per-reason line budget (the
 * first lines of each interval are written, the rest are counted for the summary line).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RefusedBenchmark {
  /** The refusal: no credential at all, or an API key the store does not know. */
  @Param({"noCredential", "unknownKey"})
  public String refusal;

  private LoopbackIssuer issuer;
  private Scratch scratch;
  private Mechanism.Setup setup;
  private BenchRequest request;
  private final BenchResponse response = new BenchResponse();

  /**
   * Starts an API-key filter and builds the refused request.
   *
   * @throws Exception when set-up fails
   */
  @Setup
  public void setUp() throws Exception {
    issuer = new LoopbackIssuer();
    scratch = new Scratch();
    setup = Mechanism.apiKey.setUp(issuer, scratch.directory, true);
    request = new BenchRequest();
    if (refusal.equals("unknownKey")) {
      request.header("X-API-Key", "pc_0000000000000000_" + "A".repeat(43));
    }
  }

  /** Stops the filter and the issuer. */
  @TearDown
  public void tearDown() {
    setup.filter().destroy();
    issuer.close();
    scratch.close();
  }

  /**
   * One refused request.
   *
   * @return the status, 401
   * @throws Exception never
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public int refused() throws Exception {
    setup.filter().doFilter(request.reset(), response, Mechanism.NO_OP);
    return response.status();
  }
}
