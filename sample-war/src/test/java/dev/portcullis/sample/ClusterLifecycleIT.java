package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.DpopProofMaker;
import jakarta.json.Json;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster-wide claims of the key lifecycle (issue 20), ephemeral keys (issue 21) and DPoP
 * (issue 22) on two clustered Payara Micro nodes with {@code grid=jcache}, sharing one real
 * PostgreSQL key table: a key revoked through node A's admin API is refused by node B, where it was
 * cached, within the stated bound; a single-use ephemeral key is single use across the nodes, and
 * any ephemeral key minted on one works on the other; a DPoP proof accepted on one node is refused
 * on the other, and a nonce one node issued is accepted by the other. Both nodes sit behind the
 * same (simulated) TLS-terminating load balancer: requests carry {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Host} from a trusted peer, so a proof names the same URI on either node.
 */
class ClusterLifecycleIT {
  /**
   * The stated bound of the key-change channel {@code portcullis.apiKey.changes} on a healthy
   * cluster (docs/key-lifecycle.md, "Revocation everywhere, within a bound").
   */
  private static final Duration REVOCATION_BOUND = Duration.ofSeconds(5);

  /** Far longer than the bound: a refusal within the bound is the grid's, not the cache's. */
  private static final String CACHE_TTL = "10m";

  /** Two Payara Micro JVMs on two shared cores answer slowly at first. */
  private static final Duration REQUEST = Duration.ofSeconds(60);

  private static final String PUBLIC_HOST = "api.example.test";
  private static final String ME = "https://" + PUBLIC_HOST + "/api/me";
  private static final String[] FORWARDED = {
    "X-Forwarded-Proto", "https", "X-Forwarded-Host", PUBLIC_HOST
  };
  private static final AuthorizationServer SERVER = new AuthorizationServer();

  private static KeyDatabaseServer database;
  private static PayaraCluster cluster;
  private static Http a;
  private static Http b;
  private static String adminKey;
  private static String parentKey;

  @BeforeAll
  static void start() throws Exception {
    int port = PayaraProcess.freePort();
    database = KeyDatabaseServer.start(port);
    SERVER.start();
    String issuer = "http://localhost:" + System.getProperty("it.asPort") + "/sample";
    cluster =
        PayaraCluster.start(
            Path.of("target", "cluster-lifecycle-it"),
            2,
            Map.of(
                "portcullis.portcullis.grid", "jcache",
                "portcullis.portcullis.dpop.trustedProxies", "127.0.0.1",
                "PORTCULLIS_API_KEY_CACHE_TTL", CACHE_TTL,
                "PORTCULLIS_JWT_ISSUER", issuer,
                "PORTCULLIS_EPHEMERAL_KEY_SECRET",
                    "base64url:Y2x1c3Rlci1pdC1lcGhlbWVyYWwta2V5LXNlY3JldC0zMmJ5dGVz",
                "PORTCULLIS_DPOP_NONCE_SECRET", "cluster-it-dpop-nonce-secret-of-32-bytes-or-more"),
            Map.of(
                "PORTCULLIS_API_KEYS_JDBC_URL", "jdbc:postgresql://localhost:" + port + "/postgres",
                "PORTCULLIS_API_KEYS_JDBC_USER", "postgres",
                "PORTCULLIS_API_KEYS_JDBC_PASSWORD", "postgres"));
    a = new Http(cluster.url(0), REQUEST);
    b = new Http(cluster.url(1), REQUEST);
    adminKey = KeyDatabaseServer.newKey();
    database.insert(adminKey, "root", "", "admin");
    parentKey = KeyDatabaseServer.newKey();
    database.insert(parentKey, "erin", "orders:read", "");
    // the first request to each node starts the application's JAX-RS and CDI parts
    assertThat(me(a, "X-API-Key", parentKey).statusCode()).isEqualTo(200);
    assertThat(me(b, "X-API-Key", parentKey).statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    SERVER.stop();
    if (database != null) {
      database.close();
    }
  }

  private static HttpResponse<String> me(Http node, String... headers) throws Exception {
    String[] all = Arrays.copyOf(FORWARDED, FORWARDED.length + headers.length);
    System.arraycopy(headers, 0, all, FORWARDED.length, headers.length);
    return node.send("GET", "/api/me", all);
  }

  @Test
  void revokeWhenKeyCachedOnNodeBAndRevokedThroughNodeAThenNodeBRefusesWithinStatedBound()
      throws Exception {
    KeyAdmin.Made made = new KeyAdmin(a, adminKey).create("leaving");
    assertThat(me(b, "X-API-Key", made.key()).statusCode()).isEqualTo(200); // cached on B now

    HttpResponse<String> revoked =
        a.send("DELETE", KeyAdmin.KEYS + "/" + made.id(), "X-API-Key", adminKey);
    assertThat(revoked.statusCode()).isEqualTo(200);

    Instant deadline = Instant.now().plus(REVOCATION_BOUND);
    HttpResponse<String> onB = me(b, "X-API-Key", made.key());
    while (onB.statusCode() == 200 && Instant.now().isBefore(deadline)) {
      Thread.sleep(100); // poll interval inside the stated bound, not a wait for it
      onB = me(b, "X-API-Key", made.key());
    }
    if (onB.statusCode() == 200) {
      onB = me(b, "X-API-Key", made.key()); // sent after the bound: must be refused
    }
    assertThat(onB.statusCode()).as("node B after the stated bound").isEqualTo(401);
    assertThat(onB.headers().allValues("WWW-Authenticate")).containsExactly(KeyAdmin.INVALID_KEY);
    assertThat(me(a, "X-API-Key", made.key()).statusCode()).isEqualTo(401);
  }

  private static String ephemeral(Http node, String body) throws Exception {
    HttpResponse<String> minted =
        node.json("POST", "/api/ephemeral-keys", body, "Authorization", "Bearer " + parentKey);
    assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
    return Json.createReader(new StringReader(minted.body()))
        .readObject()
        .getJsonObject("client_secret")
        .getString("value");
  }

  @Test
  void ephemeralWhenSingleUseKeyUsedOnOneNodeThenRefusedOnTheOther() throws Exception {
    String first = ephemeral(a, "{\"single_use\":true}");
    String second = ephemeral(a, "{\"single_use\":true}");

    assertThat(me(b, "Authorization", "Bearer " + first).statusCode()).isEqualTo(200);
    HttpResponse<String> again = me(a, "Authorization", "Bearer " + first);
    assertThat(me(a, "Authorization", "Bearer " + second).statusCode()).isEqualTo(200);
    HttpResponse<String> elsewhere = me(b, "Authorization", "Bearer " + second);

    for (HttpResponse<String> refused : List.of(again, elsewhere)) {
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().allValues("WWW-Authenticate"))
          .containsExactly(EphemeralKeysIT.INVALID);
    }
  }

  @Test
  void ephemeralWhenMintedOnNodeAThenAcceptedOnNodeB() throws Exception {
    String key = ephemeral(a, "{\"scopes\":[\"orders:read\"]}");

    HttpResponse<String> onB = me(b, "Authorization", "Bearer " + key);

    assertThat(onB.statusCode()).isEqualTo(200);
    assertThat(onB.body()).startsWith("{\"principal\":\"erin\",");
    assertThat(me(a, "X-API-Key", key).statusCode()).isEqualTo(200);
  }

  private static HttpResponse<String> dpop(Http node, String token, String proof) throws Exception {
    return me(node, "Authorization", "DPoP " + token, "DPoP", proof);
  }

  /** A nonce from {@code node}'s 401 {@code use_dpop_nonce} to a proof without one. */
  private static String nonce(Http node, DpopProofMaker client, String token) throws Exception {
    HttpResponse<String> first = dpop(node, token, client.make());
    assertThat(first.statusCode()).isEqualTo(401);
    assertThat(first.headers().allValues("WWW-Authenticate"))
        .containsExactly(
            DpopIT.challenge("use_dpop_nonce", "The resource server requires a DPoP nonce"));
    return first.headers().firstValue("DPoP-Nonce").orElseThrow();
  }

  @Test
  void dpopWhenProofAcceptedOnNodeAThenReplayOnNodeBRefused() throws Exception {
    DpopProofMaker client = DpopProofMaker.es256();
    String token = SERVER.dpopJwt("alice", "orders:read", client.thumbprint());
    client.token(token).uri(ME).issued(Instant.now());
    String proof = client.nonce(nonce(a, client, token)).make();
    assertThat(dpop(a, token, proof).statusCode()).isEqualTo(200);

    HttpResponse<String> replayed = dpop(b, token, proof);

    assertThat(replayed.statusCode()).isEqualTo(401);
    assertThat(replayed.headers().allValues("WWW-Authenticate"))
        .containsExactly(DpopIT.challenge("invalid_dpop_proof", "The DPoP proof was already used"));
    assertThat(replayed.body()).isEqualTo("{\"error\":\"invalid_dpop_proof\"}");
    assertThat(dpop(b, token, client.make()).statusCode()).as("a fresh proof").isEqualTo(200);
  }

  @Test
  void dpopWhenNonceIssuedByNodeAThenNodeBAcceptsIt() throws Exception {
    DpopProofMaker client = DpopProofMaker.es256();
    String token = SERVER.dpopJwt("bob", "orders:read", client.thumbprint());
    client.token(token).uri(ME).issued(Instant.now());
    client.nonce(nonce(a, client, token));

    HttpResponse<String> onB = dpop(b, token, client.make());

    assertThat(onB.statusCode()).isEqualTo(200);
    assertThat(onB.body())
        .startsWith("{\"principal\":\"bob\",\"mechanism\":\"jwt\",\"authType\":\"DPoP\"");
  }
}
