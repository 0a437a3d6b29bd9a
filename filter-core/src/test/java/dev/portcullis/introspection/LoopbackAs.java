package dev.portcullis.introspection;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A loopback authorization server we control: counts calls, records the last request and answers
 * whatever the test scripts.
 */
final class LoopbackAs implements AutoCloseable {

  /** Writes one answer. */
  @FunctionalInterface
  interface Answer {
    void write(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final AtomicInteger calls = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile Answer answer = json(200, "{\"active\":false}");
  private volatile String lastBody;
  private volatile Headers lastHeaders;

  private LoopbackAs(HttpServer server) {
    this.server = server;
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            // the answer is taken before the call is counted: a test that sees the count may
            // script the next answer without racing this one
            Answer current = answer;
            calls.incrementAndGet();
            lastHeaders = exchange.getRequestHeaders();
            lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            current.write(exchange);
          }
        });
    server.start();
  }

  static LoopbackAs http() {
    try {
      return new LoopbackAs(HttpServer.create(loopback(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LoopbackAs https(SSLContext context) {
    try {
      HttpsServer server = HttpsServer.create(loopback(), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(context));
      return new LoopbackAs(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  static Answer json(int status, String body) {
    return raw(status, "application/json", body);
  }

  static Answer raw(int status, String contentType, String body) {
    return exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
    };
  }

  /** Holds the answer until {@link #release()} (or the test ends). */
  Answer stalled() {
    return exchange -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /** Streams {@code total} bytes of an endless-looking JSON string without a Content-Length. */
  static Answer chunked(long total) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      byte[] block = new byte[8192];
      java.util.Arrays.fill(block, (byte) 'a');
      out.write("{\"active\":true,\"x\":\"".getBytes(StandardCharsets.US_ASCII));
      try {
        for (long sent = 0; sent < total; sent += block.length) {
          out.write(block);
        }
      } catch (IOException e) {
        // The client stopped reading: expected.
      }
    };
  }

  void answer(Answer value) {
    answer = value;
  }

  void release() {
    release.countDown();
  }

  int calls() {
    return calls.get();
  }

  String url(String path) {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  String lastBody() {
    return lastBody;
  }

  Headers lastHeaders() {
    return lastHeaders;
  }

  /** The last request's form parameters, decoded. */
  Map<String, String> lastForm() {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : lastBody.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
