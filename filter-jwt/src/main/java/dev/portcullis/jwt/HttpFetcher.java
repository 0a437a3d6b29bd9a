package dev.portcullis.jwt;

import dev.portcullis.http.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
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

  private final OutboundHttp http;
  private final int maxBytes;

  HttpFetcher(Duration connectTimeout, Duration readTimeout, int maxBytes, SSLContext ssl) {
    this.http = new OutboundHttp("portcullis-jwks", connectTimeout, readTimeout, maxBytes, ssl);
    this.maxBytes = maxBytes;
  }

  /**
   * Fetches a document; anything but a complete {@code 200} within the bounds is an exception.
   *
   * @param uri the address
   * @return the document
   * @throws IOException on any failure, with a message naming the address but no content
   */
  Document get(URI uri) throws IOException {
    OutboundHttp.Response response;
    try {
      response =
          http.send(
              http.request(uri)
                  .header("Accept", "application/json, application/jwk-set+json")
                  .GET()
                  .build());
    } catch (IOException e) {
      throw new IOException("Cannot fetch " + uri + ": it " + e.getMessage(), e.getCause());
    }
    if (response.status() != 200) {
      throw new IOException("Status " + response.status() + " from " + uri);
    }
    if (response.body() == null) {
      throw new IOException("Response from " + uri + " exceeds " + maxBytes + " bytes");
    }
    return new Document(response.body(), maxAge(response.headers()));
  }

  /** Stops the fetcher's threads. */
  void close() {
    http.close();
  }

  private static Optional<Duration> maxAge(HttpHeaders headers) {
    String cc = String.join(",", headers.allValues("Cache-Control"));
    cc = cc.toLowerCase(Locale.ROOT);
    if (cc.contains("no-store") || cc.contains("no-cache")) {
      return Optional.of(Duration.ZERO);
    }
    Matcher m = MAX_AGE.matcher(cc);
    return m.find()
        ? Optional.of(Duration.ofSeconds(Long.parseLong(m.group(1))))
        : Optional.empty();
  }
}
