package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro nodes with the sample WAR and {@code grid=jcache} on the main filter (an
 * override, as an operator would give it), clustered over loopback TCP/IP: both see two members, a
 * single-use mark spent on one node is spent on the other, and an event published on one node
 * reaches the other, all through Payara's Hazelcast data grid behind the JCache API.
 */
class ClusterIT {
  private static final String ALICE = "ApiKey " + KeyFile.ALICE;

  /** A bound on waiting for the data grid's asynchronous delivery, not a timing assertion. */
  private static final Duration DELIVERY = Duration.ofSeconds(30);

  /** Two Payara Micro JVMs on two shared cores answer slowly at first. */
  private static final Duration REQUEST = Duration.ofSeconds(60);

  private static PayaraCluster cluster;
  private static Http a;
  private static Http b;

  @BeforeAll
  static void start() throws Exception {
    cluster =
        PayaraCluster.start(
            Path.of("target", "cluster-it"),
            2,
            Map.of("portcullis.portcullis.grid", "jcache"),
            Map.of());
    a = new Http(cluster.url(0), REQUEST);
    b = new Http(cluster.url(1), REQUEST);
    // the first request to each node starts the application's JAX-RS and CDI parts
    assertThat(send(a, "GET", "/api/grid").statusCode()).isEqualTo(200);
    assertThat(send(b, "GET", "/api/grid").statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static HttpResponse<String> send(Http node, String method, String path)
      throws IOException, InterruptedException {
    return node.send(method, path, "Authorization", ALICE);
  }

  @Test
  void gridWhenTwoNodesThenEachSeesTwoMembers() throws Exception {
    for (Http node : new Http[] {a, b}) {
      HttpResponse<String> status = send(node, "GET", "/api/grid");

      assertThat(status.statusCode()).isEqualTo(200);
      assertThat(status.body())
          .isEqualTo("{\"clustered\":true,\"up\":true,\"members\":2,\"fallback\":false}");
    }
  }

  /** The demo issuer is not running here, so the jwt and introspection entries are DOWN. */
  @Test
  void readinessWhenClusteredThenGridUpOnBothNodes() throws Exception {
    for (Http node : new Http[] {a, b}) {
      HttpResponse<String> ready = node.send("GET", "/health/ready");

      assertThat(JsonUtil.parseJson(ready.body()).get("checks"))
          .asInstanceOf(InstanceOfAssertFactories.LIST)
          .singleElement()
          .extracting(check -> ((Map<?, ?>) check).get("data"))
          .asInstanceOf(InstanceOfAssertFactories.MAP)
          .containsEntry("portcullis grid", "UP")
          .containsEntry("portcullis apiKey", "UP");
    }
  }

  @Test
  void markWhenSpentOnOneNodeThenSpentOnTheOther() throws Exception {
    String mark = "/api/grid/marks/" + UUID.randomUUID();

    assertThat(send(a, "POST", mark).body()).isEqualTo("{\"first\":true}");
    assertThat(send(b, "POST", mark).body()).isEqualTo("{\"first\":false}");
    assertThat(send(a, "POST", mark).body()).isEqualTo("{\"first\":false}");
  }

  @Test
  void publishWhenOnOneNodeThenTheOtherReceives() throws Exception {
    assertThat(send(b, "GET", "/api/grid/events").statusCode()).isEqualTo(200);
    String event = UUID.randomUUID().toString();

    assertThat(send(a, "POST", "/api/grid/events/" + event).body())
        .isEqualTo("{\"published\":\"" + event + "\"}");

    Instant deadline = Instant.now().plus(DELIVERY);
    String received = send(b, "GET", "/api/grid/events").body();
    while (!received.contains(event) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100); // poll interval while the event travels
      received = send(b, "GET", "/api/grid/events").body();
    }
    assertThat(received).contains("\"" + event + "\"");
    assertThat(send(a, "GET", "/api/grid/events").body()).contains("\"" + event + "\"");
  }
}
