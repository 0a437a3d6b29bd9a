package dev.portcullis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.portcullis.Identity;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.config.Environment;
import dev.portcullis.grid.Grid;
import dev.portcullis.grid.GridStatus;
import dev.portcullis.limit.Admission;
import dev.portcullis.limit.LimitStage;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.RecordingMetrics;
import io.github.bucket4j.TimeMeter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Buckets in a JCache of a Hazelcast member (the data grid Payara Micro embeds, alone here): two
 * stages sharing one cache behave as two nodes of a cluster; a grid that throws is the lost grid.
 */
class GridBucketsTest {
  /** The provider Hazelcast registers (the one {@code Caching.getCachingProvider()} finds). */
  private static final String PROVIDER = HazelcastCachingProvider.class.getName();

  private final FakeTime time = new FakeTime();
  private final TimeMeter clock = RateLimitStageFactory.wallClock(time);
  private final LocalBuckets local = new LocalBuckets(clock, time);
  private HazelcastInstance member;
  private CacheManager manager;
  private Cache<String, byte[]> cache;

  @BeforeEach
  void start() {
    Config config = new Config().setClusterName("grid-buckets-" + System.nanoTime());
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    member = Hazelcast.newHazelcastInstance(config);
    System.setProperty("hazelcast.jcache.provider.type", "member");
    manager =
        Caching.getCachingProvider(PROVIDER)
            .getCacheManager(
                URI.create(config.getClusterName()),
                null,
                HazelcastCachingProvider.propertiesByInstanceItself(member));
    cache = manager.createCache("rate-limits", new MutableConfiguration<>());
  }

  @AfterEach
  void stop() {
    manager.close();
    Caching.getCachingProvider(PROVIDER).close();
    System.clearProperty("hazelcast.jcache.provider.type");
    member.shutdown();
  }

  private static RateLimitSettings settings(String limit) {
    return RateLimitSettings.from(dev.portcullis.config.Config.of(Map.of("limit", limit)))
        .orElseThrow();
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

  @Test
  void operationsWhenTokensTakenThenOneGridCommandEachAndTwoToCreateABucket() throws Exception {
    GridBuckets buckets = new GridBuckets(cache, clock);
    RateLimitStage stage =
        new RateLimitStage(settings("100/1m,1000/1h"), buckets, local, () -> false);

    stage.admit(null, client("c1"));
    long created = buckets.operations();
    for (int i = 0; i < 5; i++) {
      stage.admit(null, client("c1"));
    }

    assertThat(created).isEqualTo(2);
    assertThat(buckets.operations()).isEqualTo(7);
  }

  @Test
  void createWhenGridClusteredThenGridOperationsGaugeCountsEveryCommand() throws Exception {
    RecordingMetrics metrics = new RecordingMetrics();
    Environment environment =
        Environment.of("api", time, time, null, metrics).withGrid(clusteredGrid());
    LimitStage stage =
        new RateLimitStageFactory()
            .create(dev.portcullis.config.Config.of(Map.of("limit", "5/1m")), environment)
            .orElseThrow();

    stage.admit(null, client("c1"));
    stage.admit(null, client("c1"));
    stage.admit(null, client("c1"));

    assertThat(metrics.gauge(GridBuckets.OPERATIONS + "{}")).isEqualTo(4.0);
  }

  @Test
  void createWhenGridLocalThenNoGridOperationsGauge() {
    RecordingMetrics metrics = new RecordingMetrics();
    new RateLimitStageFactory()
        .create(
            dev.portcullis.config.Config.of(Map.of("limit", "5/1m")),
            Environment.of("api", time, time, null, metrics))
        .orElseThrow();

    assertThatThrownBy(() -> metrics.gauge(GridBuckets.OPERATIONS + "{}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A clustered grid whose only cache is this test's {@code rate-limits}. */
  private Grid clusteredGrid() {
    return new Grid() {
      @Override
      public boolean firstUse(String space, String key, Duration ttl) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void publish(String channel, String message) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Subscription subscribe(String channel, Consumer<String> listener) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Optional<Cache<String, byte[]>> jcache(String name) {
        return Optional.of(cache);
      }

      @Override
      public GridStatus status() {
        return new GridStatus(true, true, 1, false);
      }
    };
  }

  private static Buckets lostGrid() {
    return (key, policy) -> {
      throw new CacheException("cluster unreachable");
    };
  }
}
