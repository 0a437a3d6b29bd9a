package dev.portcullis.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.portcullis.grid.Grid;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * One first use of a DPoP-shaped mark (a thumbprint, a space and a {@code jti}) in a local grid
 * space that holds {@link #liveMarks} live marks, as it does on a server that has run for a while:
 * a fake ticker moves by one {@code ttl / liveMarks} per use, so each use adds a mark while the
 * oldest expires, and the warm-up fills the space. The part of {@link DpopWorkBenchmark}'s DPoP
 * request that is the replay mark, without the request around it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class GridMarkBenchmark {
  private static final Duration TTL = Duration.ofSeconds(65);
  private static final String THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

  /** The live marks of the space in its steady state (about {@link DpopWorkBenchmark}'s). */
  @Param("280000")
  public long liveMarks;

  private final FakeTicker ticker = new FakeTicker();
  private Grid grid;
  private long step;
  private long next;
  private long refused;

  /** A ticker that the benchmark moves. */
  private static final class FakeTicker implements Ticker {
    long now;

    @Override
    public long read() {
      return now;
    }
  }

  /** Starts an empty local grid. */
  @Setup
  public void setUp() {
    grid = Grid.local(ticker);
    step = TTL.toNanos() / liveMarks;
  }

  /** Voids the iteration when any use was taken for a replay. */
  @TearDown(Level.Iteration)
  public void endIteration() {
    if (refused > 0) {
      throw new IllegalStateException(refused + " first uses refused");
    }
  }

  /**
   * Marks a new proof's {@code jti} used.
   *
   * @return true
   */
  @Benchmark
  public boolean firstUse() {
    ticker.now += step;
    // a jti of 22 base64url-like characters, new for every use, as a client's random one is
    String jti = Long.toString(next++ * 0x9E3779B97F4A7C15L, 36);
    boolean first = grid.firstUse("dpop.jti.65000", THUMBPRINT + ' ' + jti, TTL);
    if (!first) {
      refused++;
    }
    return first;
  }
}
