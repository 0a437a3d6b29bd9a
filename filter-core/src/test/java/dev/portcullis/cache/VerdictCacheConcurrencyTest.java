package dev.portcullis.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.Identity;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.testing.FakeTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Single flight: concurrent requests for one new credential make one back-end call. */
class VerdictCacheConcurrencyTest {
  private static final int THREADS = 32;
  private static final AuthError EXPIRED = AuthError.invalidToken("The access token expired");

  private final FakeTime time = new FakeTime();
  private final VerdictCache cache = VerdictCache.builder(EXPIRED).time(time, time).build();
  private final AtomicInteger loads = new AtomicInteger();
  private final CountDownLatch loading = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  private VerdictCache.Loader held(VerdictCache.Loader answer) {
    return () -> {
      loads.incrementAndGet();
      loading.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServiceUnavailableException("interrupted", e);
      }
      return answer.load();
    };
  }

  /** Starts every caller, waits until they all wait on the one held load, then releases it. */
  private List<Future<AuthResult>> race(VerdictCache.Loader answer) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Thread> threads = new ArrayList<>();
    try {
      List<Future<AuthResult>> results = new ArrayList<>();
      CountDownLatch started = new CountDownLatch(THREADS);
      for (int i = 0; i < THREADS; i++) {
        results.add(
            pool.submit(
                () -> {
                  synchronized (threads) {
                    threads.add(Thread.currentThread());
                  }
                  started.countDown();
                  return cache.get("fp", held(answer));
                }));
      }
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
      while (!allParked(threads)) {
        Thread.onSpinWait();
      }
      release.countDown();
      for (Future<AuthResult> f : results) {
        try {
          f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
          // inspected by the caller
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Throwable failure(Future<AuthResult> future) {
    try {
      future.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean allParked(List<Thread> threads) {
    synchronized (threads) {
      return threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING);
    }
  }

  @Test
  @Timeout(30)
  void getWhenManyThreadsAskForOneNewCredentialThenOneLoad() throws Exception {
    AuthResult ok = AuthResult.authenticated(Identity.builder("alice", "t", "Bearer").build());

    List<Future<AuthResult>> results = race(() -> ok);

    assertThat(loads).hasValue(1);
    for (Future<AuthResult> f : results) {
      assertThat(f.get()).isEqualTo(ok);
    }
  }

  @Test
  @Timeout(30)
  void getWhenTheOneLoadFailsThenEveryWaiterSeesServiceUnavailableAndNothingCached()
      throws Exception {
    List<Future<AuthResult>> results =
        race(
            () -> {
              throw new ServiceUnavailableException("introspection down");
            });

    assertThat(loads).hasValue(1);
    for (Future<AuthResult> f : results) {
      assertThat(failure(f)).isInstanceOf(ServiceUnavailableException.class);
    }
    assertThat(results)
        .filteredOn(f -> failure(f).getMessage().equals("introspection down"))
        .hasSize(1);
    assertThat(cache.size()).isZero();
  }

  @Test
  @Timeout(30)
  void getWhenTheOneLoadHasABugThenWaitersSeeServiceUnavailable() throws Exception {
    List<Future<AuthResult>> results =
        race(
            () -> {
              throw new IllegalStateException("bug in the loader");
            });

    assertThat(loads).hasValue(1);
    long unavailable =
        results.stream()
            .filter(
                f ->
                    failure(f) instanceof ServiceUnavailableException sue
                        && sue.getMessage()
                            .equals("A concurrent check of the same credential failed"))
            .count();
    assertThat(unavailable).isEqualTo(THREADS - 1);
    assertThat(results).filteredOn(f -> failure(f) instanceof IllegalStateException).hasSize(1);
  }
}
