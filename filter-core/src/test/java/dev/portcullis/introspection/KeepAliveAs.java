package dev.portcullis.introspection;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A minimal HTTP/1.1 authorization server for floods: keep-alive, {@code TCP_NODELAY}, each answer
 * in one write. The JDK {@code HttpServer} ({@link LoopbackAs}) writes headers and body separately
 * and, with Nagle's algorithm against the client's delayed ACK, manages about 25 calls a second on
 * one connection; its switch ({@code sun.net.httpserver.nodelay}) is JVM-wide and changes other
 * tests. Counts calls; answers with the JSON its function gives for the posted {@code token}.
 */
final class KeepAliveAs implements AutoCloseable {
  private final ServerSocket server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final AtomicInteger calls = new AtomicInteger();
  private final Function<String, String> answer;

  KeepAliveAs(Function<String, String> answer) {
    this.answer = answer;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pool.execute(this::accept);
  }

  int calls() {
    return calls.get();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        pool.execute(() -> serve(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream()) {
      while (true) {
        int length = -1;
        String line = readLine(in);
        if (line == null) {
          return;
        }
        while (!(line = readLine(in)).isEmpty()) {
          String lower = line.toLowerCase(Locale.ROOT);
          if (lower.startsWith("content-length:")) {
            length = Integer.parseInt(lower.substring(15).trim());
          }
        }
        String body = new String(in.readNBytes(Math.max(length, 0)), StandardCharsets.UTF_8);
        calls.incrementAndGet();
        byte[] json = answer.apply(token(body)).getBytes(StandardCharsets.UTF_8);
        byte[] head =
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + json.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[head.length + json.length];
        System.arraycopy(head, 0, response, 0, head.length);
        System.arraycopy(json, 0, response, head.length, json.length);
        out.write(response);
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      // the client went away, or sent something this small server does not speak
    }
  }

  private static String token(String form) {
    for (String pair : form.split("&")) {
      if (pair.startsWith("token=")) {
        return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  /** One CRLF-terminated line, or null at the end of the stream. */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r'
            ? line.substring(0, end - 1)
            : line.toString();
      }
      line.append((char) c);
    }
    return line.length() == 0 ? null : line.toString();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    pool.shutdownNow();
  }
}
