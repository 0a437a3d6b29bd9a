package dev.portcullis.bench;

import dev.portcullis.apikey.ApiKeyTool;
import dev.portcullis.web.AuthenticationFilter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cached hit through the whole filter with a key of the current format: an operator prefix
 * ({@code sk_live_}) and a CRC-32 checksum, sent as {@code Authorization: Bearer} as the OpenAI SDK
 * sends it, with metadata (name, tenant, environment, two entries) on its record. The key and its
 * key file line are made by the real {@link ApiKeyTool}, as an operator would make them; the check
 * in set-up fills the cache.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ChecksumKeyBenchmark {
  private static final String PREFIX = "sk_live_";

  private Scratch scratch;
  private Mechanism.Setup setup;
  private final BenchResponse response = new BenchResponse();

  /**
   * Makes a key with the tool, writes its line to a key file and starts the filter.
   *
   * @throws Exception when set-up fails
   */
  @Setup
  public void setUp() throws Exception {
    scratch = new Scratch();
    List<String> printed =
        tool(
            "--principal",
            "alice",
            "--scopes",
            "models:read",
            "--prefix",
            PREFIX,
            "--name",
            "bench",
            "--tenant",
            "acme",
            "--environment",
            "production",
            "--meta",
            "team=payments",
            "--meta",
            "plan=pro");
    Path file = scratch.directory.resolve("api-keys.properties");
    Files.writeString(file, printed.get(4) + "\n");
    AuthenticationFilter filter =
        AuthenticationFilter.builder()
            .mechanisms("apiKey")
            .set("apiKey.file", file.toString())
            .set("apiKey.prefixes", PREFIX)
            .set("apiKey.schemes", "ApiKey,Bearer")
            .set("apiKey.cacheTtl", "5m")
            .build();
    filter.init(new BenchFilterConfig("bench-checksum-key"));
    BenchRequest request = new BenchRequest();
    request.header("Authorization", "Bearer " + printed.get(1));
    setup = new Mechanism.Setup(filter, request).checked();
  }

  /** Runs the key tool and returns the lines it printed. */
  private static List<String> tool(String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      ApiKeyTool.main(args);
    } finally {
      System.setOut(out);
    }
    return printed.toString(StandardCharsets.UTF_8).lines().toList();
  }

  /** Stops the filter. */
  @TearDown
  public void tearDown() {
    setup.filter().destroy();
    scratch.close();
  }

  /**
   * One thread, time per request.
   *
   * @return the status
   * @throws Exception never
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public int cachedHit() throws Exception {
    setup.run(response);
    return response.status();
  }
}
