package dev.portcullis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.Identity;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.config.Config;
import dev.portcullis.limit.Admission;
import dev.portcullis.testing.FakeTime;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Buckets in a JCache (Caffeine's provider stands in for the data grid): two stages sharing one
 * cache behave as two nodes of a cluster; a grid that throws is the lost grid.
 */
class GridBucketsTest {
  private static final String PROVIDER =
      "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";

  private final FakeTime time = new FakeTime();
  private final TimeMeter clock = RateLimitStageFactory.wallClock(time);
  private final LocalBuckets local = new LocalBuckets(clock, time);
  private CacheManager manager;
  private Cache<String, byte[]> cache;

  @BeforeEach
  void start() {
    manager = Caching.getCachingProvider(PROVIDER).getCacheManager();
    cache = manager.createCache("rate-limits-" + System.nanoTime(), new MutableConfiguration<>());
  }

  @AfterEach
  void stop() {
    manager.close();
  }

  private static RateLimitSettings settings(String limit) {
    return RateLimitSettings.from(Config.of(Map.of("limit", limit))).orElseThrow();
  }

  private static Identity client(String id) {
    return Identity.builder("alice", "jwt", "Bearer").attribute("client_id", id).build();
  }

  @Test
  void admitWhenTwoNodesShareTheGridThenTogetherAtMostTheLimit() throws Exception {
    RateLimitStage one =
        new RateLimitStage(settings("5/1m"), new GridBuckets(cache, clock), local, () -> false);
    RateLimitStage two =
        new RateLimitStage(settings("5/1m"), new GridBuckets(cache, clock), local, () -> false);
    int admitted = 0;
    for (int i = 0; i < 10; i++) {
      RateLimitStage node = i % 2 == 0 ? one : two;
      if (node.admit(null, client("c1")) instanceof Admission.Admitted) {
        admitted++;
      }
    }

    assertThat(admitted).isEqualTo(5);
    assertThat(two.admit(null, client("c2"))).isInstanceOf(Admission.Admitted.class);
    time.advance(Duration.ofMinutes(1));
    Admission back = one.admit(null, client("c1"));
    assertThat(((Admission.Admitted) back).headers())
        .containsExactly(Map.entry("RateLimit", "\"5/1m\";r=4;t=60"));
  }

  @Test
  void admitWhenOneNodeGoneThenOtherStillEnforces() throws Exception {
    RateLimitStage one =
        new RateLimitStage(settings("2/1m"), new GridBuckets(cache, clock), local, () -> false);
    RateLimitStage two =
        new RateLimitStage(settings("2/1m"), new GridBuckets(cache, clock), local, () -> false);
    one.admit(null, client("c1"));
    one.admit(null, client("c1"));
    one.close();

    Admission refused = two.admit(null, client("c1"));

    assertThat(refused).isInstanceOf(Admission.Refused.class);
    assertThat(((Admission.Refused) refused).retryAfterSeconds()).isEqualTo(60);
  }

  @Test
  void admitWhenGridLostAndFailClosedThen503() {
    RateLimitStage stage = new RateLimitStage(settings("2/1m"), lostGrid(), local, () -> false);

    assertThatThrownBy(() -> stage.admit(null, client("c1")))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessage("The rate-limit grid cannot be reached");
  }

  @Test
  void admitWhenGridLostAndLocalPolicyThenLimitedOnThisNode() throws Exception {
    RateLimitStage stage = new RateLimitStage(settings("1/1m"), lostGrid(), local, () -> true);

    assertThat(stage.admit(null, client("c1"))).isInstanceOf(Admission.Admitted.class);
    assertThat(stage.admit(null, client("c1"))).isInstanceOf(Admission.Refused.class);
  }

  private static Buckets lostGrid() {
    return (key, policy) -> {
      throw new CacheException("cluster unreachable");
    };
  }
}
