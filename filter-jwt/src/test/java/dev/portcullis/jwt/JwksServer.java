package dev.portcullis.jwt;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback HTTP server that serves documents by path and counts requests. */
final class JwksServer implements AutoCloseable {
  /** A canned response. */
  record Reply(int status, String body, Map<String, String> headers, long delayMillis) {
    Reply(int status, String body, Map<String, String> headers) {
      this(status, body, headers, 0);
    }
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private volatile CountDownLatch arrived;
  private volatile CountDownLatch release;

  JwksServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
          Reply r = replies.getOrDefault(path, new Reply(404, "{}", Map.of()));
          CountDownLatch gate = release;
          if (gate != null) {
            arrived.countDown();
            try {
              gate.await(); // a hanging upstream, until the test lets it answer
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          if (r.delayMillis() > 0) {
            try {
              Thread.sleep(r.delayMillis()); // a slow upstream, to exercise our timeouts
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
          r.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
          exchange.sendResponseHeaders(r.status(), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.setExecutor(pool);
    server.start();
  }

  /** Serves {@code body} with status 200 at {@code path}. */
  JwksServer serve(String path, String body) {
    return serve(path, new Reply(200, body, Map.of()));
  }

  JwksServer serve(String path, Reply reply) {
    replies.put(path, reply);
    return this;
  }

  /**
   * Makes every request wait before it is answered.
   *
   * @param arrived counted down as each request arrives
   * @param release the requests are answered once this opens
   */
  void hold(CountDownLatch arrived, CountDownLatch release) {
    this.arrived = arrived;
    this.release = release;
  }

  /** The number of requests for {@code path} so far. */
  int count(String path) {
    AtomicInteger n = counts.get(path);
    return n == null ? 0 : n.get();
  }

  /** {@code http://127.0.0.1:<port><path>} */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
