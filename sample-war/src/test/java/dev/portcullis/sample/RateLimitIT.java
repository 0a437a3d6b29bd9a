package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample on Payara Micro with {@code PORTCULLIS_RATE_LIMIT=3/10s}: three requests per API key
 * per clock-aligned 10-second window. The client paces itself by the server's own {@code RateLimit}
 * reset ({@code t}) and {@code Retry-After}, as a well-behaved client does.
 */
class RateLimitIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern RESET = Pattern.compile("\"3/10s\";r=(\\d+);t=(\\d+)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private static PayaraProcess server;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "rate-limit-it"));
    Pki.Issued root = Pki.root("CN=Rate Limit IT Root");
    Pki.Issued tls = Pki.leaf("CN=localhost", root, 2, KeyPurposeId.id_kp_serverAuth, "127.0.0.1");
    server =
        PayaraProcess.start(
            dir,
            Pki.save(Pki.keyStore("server", tls), dir.resolve("server.p12")).toAbsolutePath(),
            Pki.save(Pki.trustStore(root), dir.resolve("trust.p12")).toAbsolutePath(),
            PayaraProcess.freePort(),
            Map.of("PORTCULLIS_RATE_LIMIT", "3/10s"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static HttpResponse<String> get(String key) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort + "/api/me"))
            .header("X-API-Key", key)
            .timeout(TIMEOUT)
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The first request of a window with at least 3 seconds left, waiting out a late one. */
  private static HttpResponse<String> firstOfWindow(String key) throws Exception {
    HttpResponse<String> first = get(key);
    Matcher m = RESET.matcher(first.headers().firstValue("RateLimit").orElse(""));
    assertThat(m.matches()).as(first.headers().map().toString()).isTrue();
    if (Integer.parseInt(m.group(1)) == 2 && Integer.parseInt(m.group(2)) >= 3) {
      return first;
    }
    Thread.sleep(Long.parseLong(m.group(2)) * 1000); // pacing by the server's reset, as clients do
    return get(key);
  }

  @Test
  void apiWhenBeyondLimitThen429ThenSecondKeyUnaffectedThenTokensBack() throws Exception {
    HttpResponse<String> first = firstOfWindow(KeyFile.ALICE);
    HttpResponse<String> second = get(KeyFile.ALICE);
    HttpResponse<String> third = get(KeyFile.ALICE);
    HttpResponse<String> refused = get(KeyFile.ALICE);
    HttpResponse<String> bob = get(KeyFile.BOB);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(third.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"3/10s\";r=0;");
    assertThat(refused.statusCode()).isEqualTo(429);
    String retryAfter = refused.headers().firstValue("Retry-After").orElseThrow();
    assertThat(Integer.parseInt(retryAfter)).isBetween(1, 10);
    assertThat(refused.headers().allValues("RateLimit"))
        .containsExactly("\"3/10s\";r=0;t=" + retryAfter);
    assertThat(refused.headers().allValues("RateLimit-Policy"))
        .containsExactly("\"3/10s\";q=3;w=10");
    assertThat(refused.headers().allValues("Cache-Control")).containsExactly("no-store");
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(refused.body()).isEqualTo("{\"error\":\"rate_limit_exceeded\"}");
    assertThat(bob.statusCode()).isEqualTo(200);
    assertThat(bob.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"3/10s\";r=2;");

    Thread.sleep(Long.parseLong(retryAfter) * 1000); // as Retry-After tells the client
    HttpResponse<String> back = get(KeyFile.ALICE);

    assertThat(back.statusCode()).isEqualTo(200);
    assertThat(back.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"3/10s\";r=2;");
  }
}
