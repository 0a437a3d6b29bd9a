package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two clustered Payara Micro nodes with {@code grid=jcache} and {@code
 * PORTCULLIS_RATE_LIMIT=10/5m}: clients on both nodes at once share one budget per API key (the
 * stated overshoot is none), and after one node stops the other keeps enforcing the same budgets.
 * The client waits out a window with less than two minutes left, by the server's own {@code
 * RateLimit} reset, so the whole test runs inside one window. Every request is one grid operation
 * (two for the one that creates the bucket), counted on {@code /metrics} of the node that sent it.
 */
class RateLimitClusterIT {
  private static final int LIMIT = 10;
  private static final Pattern RESET = Pattern.compile("\"10/5m\";r=(\\d+);t=(\\d+)");
  private static final String ALICE = "ApiKey " + KeyFile.ALICE;
  private static final String BOB = "ApiKey " + KeyFile.BOB;

  /** Two Payara Micro JVMs on two shared cores answer slowly at first. */
  private static final Duration REQUEST = Duration.ofSeconds(60);

  private static PayaraCluster cluster;
  private static Http a;
  private static Http b;

  @BeforeAll
  static void start() throws Exception {
    cluster =
        PayaraCluster.start(
            Path.of("target", "rate-limit-cluster-it"),
            2,
            Map.of("portcullis.portcullis.grid", "jcache", "PORTCULLIS_RATE_LIMIT", "10/5m"),
            Map.of());
    a = new Http(cluster.url(0), REQUEST);
    b = new Http(cluster.url(1), REQUEST);
    a.send("GET", "/api/status"); // warm-up on a path the filter excludes: no token spent
    b.send("GET", "/api/status");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static HttpResponse<String> get(Http node, String key) throws Exception {
    return node.send("GET", "/api/me", "Authorization", key);
  }

  /** The node's gauge {@code portcullis_rateLimit_gridOperations} on {@code /metrics}. */
  private static long gridOperations(Http node) throws Exception {
    return node.send("GET", "/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith("portcullis_rateLimit_gridOperations{"))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void apiWhenClientsOnBothNodesThenOneBudgetAndSurvivorKeepsEnforcing() throws Exception {
    HttpResponse<String> first = get(a, ALICE);
    Matcher m = RESET.matcher(first.headers().firstValue("RateLimit").orElse(""));
    assertThat(m.matches()).as(first.headers().map().toString()).isTrue();
    int admitted = 1;
    if (Integer.parseInt(m.group(2)) < 120) {
      Thread.sleep(Long.parseLong(m.group(2)) * 1000); // pacing by the server's reset
      admitted = 0;
    }
    int before = admitted;
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < 4 * LIMIT; i++) {
      Http node = i % 2 == 0 ? a : b;
      statuses.add(clients.submit(() -> get(node, ALICE).statusCode()));
    }
    int refused = 0;
    for (Future<Integer> status : statuses) {
      int code = status.get();
      admitted += code == 200 ? 1 : 0;
      refused += code == 429 ? 1 : 0;
    }
    clients.shutdown();

    assertThat(admitted).isEqualTo(LIMIT);
    assertThat(refused).isEqualTo(4 * LIMIT - (LIMIT - before));
    assertThat(gridOperations(a) + gridOperations(b)).isEqualTo(2 + 4 * LIMIT);

    cluster.stop(1);
    HttpResponse<String> alice = get(a, ALICE);
    int bobAdmitted = 0;
    for (int i = 0; i < LIMIT + 5; i++) {
      bobAdmitted += get(a, BOB).statusCode() == 200 ? 1 : 0;
    }

    assertThat(alice.statusCode()).isEqualTo(429);
    assertThat(alice.body()).isEqualTo("{\"error\":\"rate_limit_exceeded\"}");
    assertThat(bobAdmitted).isEqualTo(LIMIT);
  }
}
