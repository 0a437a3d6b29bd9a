package dev.portcullis.sample;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback reverse proxy in front of one server that records when each request arrived and what
 * the server answered: the server's side of a client's retries, with {@link System#nanoTime()}
 * precision. Forwards GET requests with their {@code Authorization} field only.
 */
final class RecordingProxy implements AutoCloseable {
  /** One request as it passed. */
  record Attempt(long arrivedNanos, String path, int status, String retryAfter) {}

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private final String upstream;

  RecordingProxy(int upstreamPort) throws IOException {
    upstream = "http://localhost:" + upstreamPort;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::forward);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  void clear() {
    attempts.clear();
  }

  private void forward(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    String path = exchange.getRequestURI().getRawPath();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
            .timeout(Duration.ofSeconds(30));
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
    attempts.add(new Attempt(arrived, path, response.statusCode(), retryAfter));
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("content-length")
                  && !name.equalsIgnoreCase("transfer-encoding")
                  && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    byte[] body = response.body();
    exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
