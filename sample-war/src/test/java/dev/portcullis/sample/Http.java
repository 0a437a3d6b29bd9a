package dev.portcullis.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP client for the tests, with URLs built against the context root {@code /}. */
final class Http {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final String host;
  private final int port;
  private final Duration timeout;

  Http(URL deployment) {
    this(deployment, TIMEOUT);
  }

  /** A client whose requests may take up to {@code timeout}, for servers on a busy machine. */
  Http(URL deployment, Duration timeout) {
    this.host = deployment.getHost();
    this.port = deployment.getPort();
    this.timeout = timeout;
  }

  /** A request to {@code path} on the server; {@code headers} are name, value pairs. */
  HttpResponse<String> send(String method, String path, String... headers)
      throws IOException, InterruptedException {
    return send(method, path, HttpRequest.BodyPublishers.noBody(), headers);
  }

  /** A request with a JSON body ({@code Content-Type: application/json}). */
  HttpResponse<String> json(String method, String path, String body, String... headers)
      throws IOException, InterruptedException {
    String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
    all[headers.length] = "Content-Type";
    all[headers.length + 1] = "application/json";
    return send(method, path, HttpRequest.BodyPublishers.ofString(body), all);
  }

  private HttpResponse<String> send(
      String method, String path, HttpRequest.BodyPublisher body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
            .timeout(timeout)
            .method(method, body);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Sends {@code head} (request line and header fields, CRLF-separated, without the final empty
   * line) over a plain socket, for requests {@link HttpClient} will not make, and returns the whole
   * response as text.
   */
  String raw(String head) throws IOException {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(
          (head + "\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
