package dev.portcullis.bench;

import java.util.Map;
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
 * What the rate-limit check adds to a cached API-key hit: the same request through the whole filter
 * without a limit ({@code off}) and with one that never runs out ({@code on}, one band of
 * 10<sup>9</sup> per second), on one thread, and on four threads sharing one key (one bucket),
 * where a serialising check would show as throughput that does not grow with threads.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 2)
public class RateLimitBenchmark {
  /** Whether the filter has a rate limit. */
  @Param({"off", "on"})
  public String limit;

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
    public void setUp(RateLimitBenchmark shared) {
      request = shared.setup.request().copy();
    }
  }

  /**
   * Starts the filter; the check in set-up fills the cache.
   *
   * @throws Exception when set-up fails
   */
  @Setup
  public void setUp() throws Exception {
    issuer = new LoopbackIssuer();
    scratch = new Scratch();
    Map<String, String> extra =
        limit.equals("on") ? Map.of("rateLimit.limit", "1000000000/1s") : Map.of();
    setup = Mechanism.apiKey.setUp(issuer, scratch.directory, true, extra);
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
   * Four threads on one key, requests per microsecond in total.
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
