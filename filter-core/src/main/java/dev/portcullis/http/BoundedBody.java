package dev.portcullis.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body of at most {@code limit} bytes. A larger body, announced by its {@code
 * Content-Length} or noticed as its bytes arrive, is not read further: the subscription is
 * cancelled (which closes the connection) and the body is {@code null}.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final int limit;
  private final boolean tooLarge;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  private BoundedBody(int limit, boolean tooLarge) {
    this.limit = limit;
    this.tooLarge = tooLarge;
  }

  /** A handler whose body is {@code null} when it would exceed {@code limit} bytes. */
  static HttpResponse.BodyHandler<byte[]> handler(int limit) {
    return info ->
        new BoundedBody(
            limit, info.headers().firstValueAsLong("Content-Length").orElse(-1) > limit);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (tooLarge) {
      stop();
    } else {
      s.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    for (ByteBuffer item : items) {
      if (result.isDone()) {
        return;
      }
      int n = item.remaining();
      if (n > limit - bytes.size()) {
        stop();
        return;
      }
      byte[] chunk = new byte[n];
      item.get(chunk);
      bytes.write(chunk, 0, n);
    }
  }

  private void stop() {
    subscription.cancel();
    result.complete(null);
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(
        throwable instanceof IOException ? throwable : new IOException(throwable));
  }

  @Override
  public void onComplete() {
    result.complete(bytes.toByteArray());
  }
}
