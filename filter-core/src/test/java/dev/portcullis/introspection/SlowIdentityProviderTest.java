package dev.portcullis.introspection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.web.AuthenticationFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hung authorization server must not take the container's request threads: 200 concurrent
 * requests with new opaque tokens hit an embedded Tomcat whose worker pool (100 threads) is smaller
 * than the load, while the server holds every introspection call. At most {@code
 * maxConcurrentCalls} (the default, 64) requests wait for it; the rest get 503 at once; an
 * unauthenticated endpoint, a request without credentials and a cached token are all answered while
 * the server still hangs. Assertions are on outcomes and on calls counted at the server, not on
 * elapsed time; the JUnit timeout only guards against a hang.
 */
class SlowIdentityProviderTest {
  private static final int THREADS = 100;
  private static final int CONCURRENT = 200;
  private static final int MAX_CALLS = 64;

  @TempDir Path base;
  private LoopbackAs as;
  private Tomcat tomcat;
  private HttpClient client;
  private String root;

  @BeforeEach
  void start() throws Exception {
    as = LoopbackAs.http();
    AuthenticationFilter filter =
        AuthenticationFilter.builder()
            .mechanisms("introspection")
            .set("introspection.endpoint", as.url("/introspect"))
            .set("introspection.clientId", Fixture.CLIENT_ID)
            .set("introspection.clientSecret", Fixture.CLIENT_SECRET)
            .set("introspection.audience", Fixture.AUDIENCE)
            .set("introspection.readTimeout", "60s")
            .build();
    tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createDirectories(base.resolve("tomcat")).toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    connector.setProperty("maxThreads", String.valueOf(THREADS));
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", base.toString());
    Tomcat.addServlet(context, "text", new Text()).addMapping("/*");
    FilterDef def = new FilterDef();
    def.setFilterName("portcullis");
    def.setFilter(filter);
    context.addFilterDef(def);
    FilterMap map = new FilterMap();
    map.setFilterName("portcullis");
    map.addURLPattern("/api/*");
    context.addFilterMap(map);
    tomcat.start();
    root = "http://127.0.0.1:" + connector.getLocalPort();
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterEach
  void stop() throws Exception {
    as.close();
    tomcat.stop();
    tomcat.destroy();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void doFilterWhenServerHangsUnder200ConcurrentRequestsThenOtherEndpointsStillAnswer()
      throws Exception {
    as.answer(LoopbackAs.json(200, "{\"active\":true,\"sub\":\"alice\",\"aud\":\"orders\"}"));
    assertThat(get("/api/me", "cached-token").statusCode()).isEqualTo(200);
    int before = as.calls();
    as.answer(as.stalled());

    List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
    for (int i = 0; i < CONCURRENT; i++) {
      flood.add(client.sendAsync(request("/api/me", "new-token-" + i), body()));
    }
    while (as.calls() - before < MAX_CALLS || done(flood) < CONCURRENT - MAX_CALLS) {
      Thread.sleep(20); // waiting for the outcome, not timing it
    }

    assertThat(statuses(flood, true))
        .containsExactly(Map.entry(503, (long) CONCURRENT - MAX_CALLS));
    for (int i = 0; i < 20; i++) {
      assertThat(get("/public/ping", null).statusCode()).isEqualTo(200);
      assertThat(get("/api/me", null).statusCode()).isEqualTo(401);
      assertThat(get("/api/me", "cached-token").statusCode()).isEqualTo(200);
    }
    assertThat(as.calls() - before).isEqualTo(MAX_CALLS);
    assertThat(done(flood)).isEqualTo(CONCURRENT - MAX_CALLS);

    // the held calls end without an answer: 503, and nothing is cached for them
    as.answer(LoopbackAs.json(200, "{\"active\":true,\"sub\":\"alice\",\"aud\":\"orders\"}"));
    as.release();
    CompletableFuture.allOf(flood.toArray(CompletableFuture[]::new)).get();
    assertThat(statuses(flood, false)).containsExactly(Map.entry(503, (long) CONCURRENT));
    assertThat(get("/api/me", "new-token-0").statusCode()).isEqualTo(200);
    assertThat(as.calls() - before).isEqualTo(MAX_CALLS + 1);
  }

  private static long done(List<CompletableFuture<HttpResponse<String>>> flood) {
    return flood.stream().filter(CompletableFuture::isDone).count();
  }

  private static Map<Integer, Long> statuses(
      List<CompletableFuture<HttpResponse<String>>> flood, boolean onlyDone) {
    return flood.stream()
        .filter(f -> !onlyDone || f.isDone())
        .map(CompletableFuture::join)
        .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return client.send(request(path, token), body());
  }

  private HttpRequest request(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.build();
  }

  private static HttpResponse.BodyHandler<String> body() {
    return HttpResponse.BodyHandlers.ofString();
  }

  /** Answers every path with its own name. */
  private static final class Text extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setContentType("text/plain");
      response.getWriter().write(request.getRequestURI());
    }
  }
}
