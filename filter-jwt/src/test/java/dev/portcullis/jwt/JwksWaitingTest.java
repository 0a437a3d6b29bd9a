package dev.portcullis.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Readiness;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.jose.SigningAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** jwt.jwksMaxWaiting is exact: a burst never holds more than the bound behind a hanging fetch. */
class JwksWaitingTest {
  private static final int BOUND = 3;
  private static final int CALLERS = 24;
  private Fixture f;
  private ExecutorService pool;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    pool = Executors.newFixedThreadPool(CALLERS);
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    f.close();
  }

  private JwksSource source() {
    return source(BOUND);
  }

  private JwksSource source(int bound) {
    return new JwksSource(
        Fixture.ISSUER,
        KeyLocation.fixed(Fixture.ISSUER, URI.create(f.server.url("/jwks"))),
        new HttpFetcher(Duration.ofSeconds(30), Duration.ofSeconds(30), 65536, null),
        new JwksSource.Limits(
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            Duration.ofHours(24),
            Duration.ofHours(24),
            50,
            bound),
        f.time,
        Runnable::run,
        Set.of(SigningAlgorithm.RS256));
  }

  @Test
  @Timeout(120) // a guard against a hang on a regression, not an assertion
  void keysWhenBurstBeyondBoundAtHangingEndpointThenExactlyBoundWaitAndTheRestFailAtOnce()
      throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    f.server.serve("/jwks", Fixture.jwks(Fixture.rsaJwk(f.rsa, "k1", "RS256")));
    f.server.hold(arrived, release);
    JwksSource s = source();
    CyclicBarrier together = new CyclicBarrier(CALLERS);
    int beyond = CALLERS - 1 - BOUND;
    CountDownLatch refusedBeyond = new CountDownLatch(beyond);
    AtomicInteger refused = new AtomicInteger();
    List<String> messages = new ArrayList<>();
    List<Future<List<KeySet.Key>>> calls = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      calls.add(
          pool.submit(
              () -> {
                together.await();
                try {
                  return s.keys("k1", SigningAlgorithm.RS256);
                } catch (ServiceUnavailableException e) {
                  synchronized (messages) {
                    messages.add(e.getMessage());
                  }
                  refused.incrementAndGet();
                  refusedBeyond.countDown();
                  return null;
                }
              }));
    }

    arrived.await(); // one fetch is in flight and hangs
    refusedBeyond.await(); // every caller beyond fetcher + bound was refused while it hangs
    assertThat(s.waiting()).isEqualTo(BOUND);
    assertThat(refused.get()).isEqualTo(beyond);
    release.countDown();
    int served = 0;
    for (Future<List<KeySet.Key>> call : calls) {
      List<KeySet.Key> keys = call.get();
      if (keys != null) {
        assertThat(keys).hasSize(1);
        served++;
      }
    }

    assertThat(served).isEqualTo(BOUND + 1);
    assertThat(refused.get()).isEqualTo(beyond);
    assertThat(messages)
        .containsOnly("Too many requests wait for the key set of issuer " + Fixture.ISSUER);
    assertThat(f.server.count("/jwks")).isEqualTo(1);
    assertThat(s.waiting()).isZero();
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void readinessWhenFirstFetchHangsAndNoWaiterAllowedThenReportsAtOnceWithoutWaiting()
      throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    f.server.serve("/jwks", Fixture.jwks(Fixture.rsaJwk(f.rsa, "k1", "RS256")));
    f.server.hold(arrived, release);
    JwksSource s = source(0);
    Future<List<KeySet.Key>> fetching = pool.submit(() -> s.keys("k1", SigningAlgorithm.RS256));
    arrived.await();

    Readiness probe = s.readiness();

    assertThat(probe.up()).isFalse();
    assertThat(probe.data()).doesNotContainKey("keys");
    release.countDown();
    assertThat(fetching.get()).hasSize(1);
    assertThat(s.readiness().up()).isTrue();
  }
}
