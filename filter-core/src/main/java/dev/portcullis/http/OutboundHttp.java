package dev.portcullis.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * The one outbound HTTP client of the mechanisms (introspection, discovery, JWKS), with its bounds:
 * a connect timeout, a read timeout per request, one deadline for the whole exchange (connect plus
 * read), a response-size cap enforced while the bytes arrive, HTTP/1.1, no redirects, TLS verified
 * by the JDK or a configured trust store. Its threads are daemons of its own, so {@link #close()}
 * stops it.
 */
public final class OutboundHttp implements AutoCloseable {
  private final HttpClient client;
  private final ExecutorService executor;
  private final Duration readTimeout;
  private final int maxResponseSize;
  private final long deadlineMillis;

  /**
   * A response whose body was read within the bounds.
   *
   * @param status the status code
   * @param headers the header fields
   * @param body the bytes, or {@code null} when the body would exceed the size cap
   */
  public record Response(int status, HttpHeaders headers, byte[] body) {}

  /**
   * Creates a client.
   *
   * @param threadName the name of its threads, for thread dumps
   * @param connectTimeout the bound on opening a connection
   * @param readTimeout the bound on waiting for the answer
   * @param maxResponseSize the largest body read, in bytes
   * @param ssl the TLS trust for {@code https}, or {@code null} for the JDK's default
   */
  public OutboundHttp(
      String threadName,
      Duration connectTimeout,
      Duration readTimeout,
      int maxResponseSize,
      SSLContext ssl) {
    this.executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, threadName);
              thread.setDaemon(true);
              return thread;
            });
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .executor(executor)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout);
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    this.client = builder.build();
    this.readTimeout = readTimeout;
    this.maxResponseSize = maxResponseSize;
    this.deadlineMillis = connectTimeout.plus(readTimeout).toMillis();
  }

  /**
   * Starts a request to {@code uri} with the read timeout set.
   *
   * @param uri the address
   * @return a builder to add the method, headers and body to
   */
  public HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(readTimeout);
  }

  /**
   * Sends a request and reads its answer within the bounds.
   *
   * @param request a request from {@link #request(URI)}
   * @return the response; its body is {@code null} when larger than the cap
   * @throws IOException when the peer cannot be reached, does not answer before the deadline, the
   *     call is interrupted or the client is closed; the message is a phrase that follows the
   *     peer's name ("did not answer within 4000 ms") and never contains request content
   */
  public Response send(HttpRequest request) throws IOException {
    CompletableFuture<HttpResponse<byte[]>> future;
    try {
      future = client.sendAsync(request, BoundedBody.handler(maxResponseSize));
    } catch (RejectedExecutionException e) {
      throw new IOException("client is closed");
    }
    try {
      HttpResponse<byte[]> response = future.get(deadlineMillis, TimeUnit.MILLISECONDS);
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new IOException("did not answer within " + deadlineMillis + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("call was interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new IOException(
          "is unreachable: "
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : " " + cause.getMessage()),
          cause);
    }
  }

  /** Stops the client's threads; later calls fail with "client is closed". */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
