package dev.portcullis.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor of a cached hit: every cache lookup fingerprints the credential, so SHA-256 of a 1 KB
 * token is the least a hit on a large bearer token can cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 2)
public class DigestBenchmark {
  private MessageDigest sha256;
  private byte[] token;

  /**
   * Prepares a 1 KB token-like input.
   *
   * @throws Exception never on a standard JDK
   */
  @Setup
  public void setUp() throws Exception {
    sha256 = MessageDigest.getInstance("SHA-256");
    char[] chars = new char[1024];
    Arrays.fill(chars, 'x');
    token = new String(chars).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * SHA-256 of 1 KB.
   *
   * @return the digest
   */
  @Benchmark
  public byte[] sha256Of1KbToken() {
    return sha256.digest(token);
  }
}
