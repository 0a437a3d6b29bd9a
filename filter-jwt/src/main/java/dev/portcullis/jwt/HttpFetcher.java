package dev.portcullis.jwt;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Bounded GETs of JSON documents (discovery metadata, JWKS): connect and read timeouts, a body size
 * cap, no redirects, TLS verified by the JDK (or a configured trust store).
 */
final class HttpFetcher {
  private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age=(\\d{1,10})");

  /**
   * A fetched document.
   *
   * @param body the bytes, at most the cap
   * @param maxAge the {@code Cache-Control: max-age}, empty when absent or {@code no-store}
   */
  record Document(byte[] body, Optional<Duration> maxAge) {}

  private final HttpClient client;
  private final Duration readTimeout;
  private final int maxBytes;

  HttpFetcher(Duration connectTimeout, Duration readTimeout, int maxBytes, SSLContext ssl) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout);
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    this.client = builder.build();
    this.readTimeout = readTimeout;
    this.maxBytes = maxBytes;
  }

  /**
   * Whether an address may be fetched: {@code https}, or plain {@code http} to a loopback host
   * (tests and on-host demo issuers).
   *
   * @param uri an absolute address
   * @return true when allowed
   */
  static boolean allowed(URI uri) {
    String host = uri.getHost();
    if ("https".equalsIgnoreCase(uri.getScheme()) && host != null) {
      return true;
    }
    return "http".equalsIgnoreCase(uri.getScheme())
        && ("localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host) || "[::1]".equals(host));
  }

  /**
   * Fetches a document; anything but a complete {@code 200} within the bounds is an exception.
   *
   * @param uri the address
   * @return the document
   * @throws IOException on any failure, with a message naming the address but no content
   */
  Document get(URI uri) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(readTimeout)
            .header("Accept", "application/json, application/jwk-set+json")
            .GET()
            .build();
    HttpResponse<InputStream> response;
    try {
      response =
          client
              .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
              .get(readTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted fetching " + uri, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("Cannot fetch " + uri, e);
    }
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("Status " + response.statusCode() + " from " + uri);
      }
      CompletableFuture<Void> watchdog =
          CompletableFuture.runAsync(
              () -> closeQuietly(in),
              CompletableFuture.delayedExecutor(readTimeout.toMillis(), TimeUnit.MILLISECONDS));
      try {
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
          throw new IOException("Response from " + uri + " exceeds " + maxBytes + " bytes");
        }
        return new Document(body, maxAge(response));
      } finally {
        watchdog.cancel(false);
      }
    }
  }

  private static Optional<Duration> maxAge(HttpResponse<?> response) {
    String cc = String.join(",", response.headers().allValues("Cache-Control"));
    cc = cc.toLowerCase(Locale.ROOT);
    if (cc.contains("no-store") || cc.contains("no-cache")) {
      return Optional.of(Duration.ZERO);
    }
    Matcher m = MAX_AGE.matcher(cc);
    return m.find()
        ? Optional.of(Duration.ofSeconds(Long.parseLong(m.group(1))))
        : Optional.empty();
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // The read that this close interrupts reports the failure.
    }
  }
}
