package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Credits on two Payara Micro nodes running the packaged sample against one real PostgreSQL
 * (failsafe execution {@code jdbc-it}: keys and balances in the database named by the {@code
 * PORTCULLIS_API_KEYS_JDBC_*} environment). The nodes share nothing but the database: every debit
 * is one conditional UPDATE there.
 */
class QuotaIT {
  private static final int CLIENTS = 50;
  private static final int CREDITS = 1000;
  private static final Map<String, String> SETTINGS =
      Map.of("PORTCULLIS_QUOTA_DATA_SOURCE", "java:app/jdbc/portcullis");
  private static KeyDatabaseServer database;
  private static List<PayaraProcess> nodes;
  private static final List<Path> DIRECTORIES = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    database = KeyDatabaseServer.start(Integer.getInteger("it.postgresPort"));
    database.createQuotas();
    List<CompletableFuture<PayaraProcess>> starting = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      Path dir = Files.createTempDirectory("portcullis-quota-node" + n);
      DIRECTORIES.add(dir);
      starting.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return PayaraProcess.plain(dir, PayaraProcess.freePort(), SETTINGS);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    nodes = new ArrayList<>();
    for (CompletableFuture<PayaraProcess> node : starting) {
      nodes.add(node.join());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (nodes != null) {
      nodes.forEach(PayaraProcess::close);
    }
    database.close();
    for (Path dir : DIRECTORIES) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private static HttpResponse<String> me(HttpClient client, int port, String key) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me"))
            .header("X-API-Key", key)
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void debitWhenFiftyClientsSpendOneKeyThroughTwoNodesThenExactlyTheBalanceIsServed()
      throws Exception {
    String key = KeyDatabaseServer.newKey();
    database.insert(key, "metered", "", "");
    database.credits(key, CREDITS, 0, 0);
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    AtomicInteger[] servedBy = {new AtomicInteger(), new AtomicInteger()};
    List<String> lastBodies = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<Future<String>> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int node = c % 2;
      clients.add(
          pool.submit(
              () -> {
                HttpClient client = HttpClient.newHttpClient();
                go.await();
                for (int attempt = 0; attempt < 500; attempt++) {
                  HttpResponse<String> response = me(client, nodes.get(node).httpPort, key);
                  statuses
                      .computeIfAbsent(response.statusCode(), s -> new AtomicInteger())
                      .incrementAndGet();
                  if (response.statusCode() == 200) {
                    servedBy[node].incrementAndGet();
                  } else if (response.statusCode() == 429) {
                    return response.body(); // out of credits: this client is done
                  }
                }
                return "gave up";
              }));
    }
    go.countDown();
    for (Future<String> client : clients) {
      lastBodies.add(client.get());
    }
    pool.shutdown();

    assertThat(statuses.get(200)).hasValue(CREDITS);
    assertThat(database.remaining(key)).isZero();
    assertThat(lastBodies).containsOnly("{\"error\":\"insufficient_quota\"}");
    assertThat(servedBy[0].get()).isPositive();
    assertThat(servedBy[1].get()).isPositive();
    assertThat(statuses.keySet()).isSubsetOf(200, 429, 503);
  }

  /**
   * The OpenAI Java SDK waits what {@code Retry-After} says, capped at its {@code MAX_RETRY_DELAY}
   * of 8 s (a longer wait is cut to 8 s: the client then meets another 429). The refill interval
   * here is 6 s, so the SDK's first attempt is refused and the one {@code Retry-After} it is told
   * is honoured in full; on a machine so slow that the first attempt comes after the refill, the
   * scenario starts again (at most three times).
   */
  @Test
  void retryWhenOpenAiSdkMeets429ThenItsNextAttemptArrivesNoSoonerThanRetryAfter()
      throws Exception {
    String key = KeyDatabaseServer.newKey();
    database.insert(key, "sdk-user", "", "");
    // not metered yet: this caches the key's verdict, so the SDK's attempts cost no key lookup
    assertThat(me(HttpClient.newHttpClient(), nodes.get(0).httpPort, key).statusCode())
        .isEqualTo(200);
    try (RecordingProxy proxy = new RecordingProxy(nodes.get(0).httpPort)) {
      OpenAIClient client =
          OpenAIOkHttpClient.builder()
              .apiKey(key)
              .baseUrl("http://localhost:" + proxy.port() + "/api/v1")
              .maxRetries(2)
              .build();
      List<RecordingProxy.Attempt> attempts = List.of();
      try {
        for (int run = 0;
            run < 3 && (attempts.isEmpty() || attempts.get(0).status() == 200);
            run++) {
          proxy.clear();
          // empty, one credit back 6 s from now
          database.credits(key, 0, 1, Duration.ofSeconds(6).toMillis());
          assertThat(client.models().list().data()).isNotEmpty();
          attempts = proxy.attempts();
        }
      } finally {
        client.close();
      }

      assertThat(attempts)
          .extracting(RecordingProxy.Attempt::status)
          .as(attempts.toString())
          .containsExactly(429, 200);
      long retryAfter = Long.parseLong(attempts.get(0).retryAfter());
      assertThat(retryAfter).isBetween(1L, 6L);
      assertThat(attempts.get(1).arrivedNanos() - attempts.get(0).arrivedNanos())
          .as(attempts.toString())
          .isGreaterThanOrEqualTo(Duration.ofSeconds(retryAfter).toNanos());
    }
  }

  @Test
  void debitWhenDatabaseDownThen503WithRetryAfterNeverAFreePass() throws Exception {
    String key = KeyDatabaseServer.newKey();
    database.insert(key, "outage", "", "");
    database.credits(key, 100, 0, 0);
    HttpClient client = HttpClient.newHttpClient();
    int port = nodes.get(1).httpPort;
    assertThat(me(client, port, key).statusCode()).isEqualTo(200); // key verdict now cached

    database.stop();
    HttpResponse<String> down;
    try {
      down = me(client, port, key);
    } finally {
      database.start();
    }

    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(down.body()).isEqualTo("{\"error\":\"temporarily_unavailable\"}");
  }
}
