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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cached hit through the whole filter ({@code doFilter} with a request carrying an accepted
 * credential, to a no-op chain), per mechanism, on one, two and four threads sharing one filter.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 2)
public class CachedBenchmark {
  /** The mechanism. */
  @Param({"apiKey", "jwt", "opaque", "mtls"})
  public Mechanism mechanism;

  private LoopbackIssuer issuer;
  private Scratch scratch;
  private Mechanism.Setup setup;

  /** One thread's own request and response. */
  @State(Scope.Thread)
  public static class PerThread {
    BenchRequest request;
    final BenchResponse response = new BenchResponse();

    /**
     * Copies the accepted request for this thread.
     *
     * @param shared the benchmark's filter
     */
    @Setup
    public void setUp(CachedBenchmark shared) {
      request = shared.setup.request().copy();
    }
  }

  /**
   * Starts the issuer and the filter; the check in set-up fills the cache.
   *
   * @throws Exception when set-up fails
   */
  @Setup
  public void setUp() throws Exception {
    issuer = new LoopbackIssuer();
    scratch = new Scratch();
    setup = mechanism.setUp(issuer, scratch.directory, true);
  }

  /** Stops the issuer and the filter. */
  @TearDown
  public void tearDown() {
    setup.filter().destroy();
    issuer.close();
    scratch.close();
  }

  private int hit(PerThread t) throws Exception {
    setup.filter().doFilter(t.request.reset(), t.response, Mechanism.NO_OP);
    return t.response.status();
  }

  /**
   * One thread, time per request.
   *
   * @param t this thread's request
   * @return the status
   * @throws Exception never
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public int cachedHit(PerThread t) throws Exception {
    return hit(t);
  }

  /**
   * Two threads, requests per microsecond in total.
   *
   * @param t this thread's request
   * @return the status
   * @throws Exception never
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(2)
  public int cachedHitThreads2(PerThread t) throws Exception {
    return hit(t);
  }

  /**
   * Four threads, requests per microsecond in total.
   *
   * @param t this thread's request
   * @return the status
   * @throws Exception never
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(4)
  public int cachedHitThreads4(PerThread t) throws Exception {
    return hit(t);
  }
}
