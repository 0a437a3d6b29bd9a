package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cache.HazelcastMemberCachingProvider;
import com.hazelcast.core.Hazelcast;
import dev.portcullis.grid.Grid;
import dev.portcullis.grid.GridStatus;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.JndiCacheManager;
import dev.portcullis.testing.LogCapture;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;
import javax.naming.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grid=jcache} through the cache manager Payara Micro binds in JNDI (here a Hazelcast member
 * on loopback): marks are kept in the data grid, readiness reports the grid, and when the member is
 * lost requests needing the grid get 503 ({@code failClosed}) or are decided on this node's state
 * ({@code grid.onLoss=local}, logged once).
 */
class FilterGridClusterTest {
  /** The member provider itself: the delegating default decides member or client only once. */
  private final CachingProvider provider = new HazelcastMemberCachingProvider();

  @TempDir Path directory;
  private final FakeFilterConfig config = new FakeFilterConfig().name("clustered");
  private AuthenticationFilter filter;

  @BeforeEach
  void member() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path xml = directory.resolve("hazelcast.xml");
    Files.writeString(
        xml,
        """
        <hazelcast xmlns="http://www.hazelcast.com/schema/config">
          <cluster-name>portcullis-%s</cluster-name>
          <properties>
            <property name="hazelcast.logging.type">none</property>
            <property name="hazelcast.phone.home.enabled">false</property>
          </properties>
          <network>
            <port auto-increment="false">%d</port>
            <interfaces enabled="true"><interface>127.0.0.1</interface></interfaces>
            <join>
              <auto-detection enabled="false"/>
              <multicast enabled="false"/>
              <tcp-ip enabled="true"><member>127.0.0.1:%d</member></tcp-ip>
            </join>
          </network>
        </hazelcast>
        """
            .formatted(UUID.randomUUID(), port, port));
    System.setProperty("hazelcast.logging.type", "none");
    // bound where Payara binds its data grid's cache manager (Caffeine's JCache provider is on the
    // test class path too, so the default provider is ambiguous here)
    JndiCacheManager.bound = provider.getCacheManager();
    System.setProperty(Context.INITIAL_CONTEXT_FACTORY, JndiCacheManager.class.getName());
    System.setProperty("hazelcast.config", xml.toString());
  }

  @AfterEach
  void stop() {
    if (filter != null) {
      filter.destroy();
    }
    provider.close();
    Hazelcast.shutdownAll();
    System.clearProperty("hazelcast.config");
    System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
    JndiCacheManager.bound = null;
  }

  private AuthenticationFilter start(String... keyValues) throws ServletException {
    config.param("mechanisms", "once").param("grid", "jcache");
    for (int i = 0; i < keyValues.length; i += 2) {
      config.param(keyValues[i], keyValues[i + 1]);
    }
    filter = new AuthenticationFilter();
    filter.initialize(config);
    return filter;
  }

  private int status(String token) {
    return Exchange.run(filter, FakeRequest.get("/api").header("Authorization", "Bearer " + token))
        .status();
  }

  @Test
  void authenticateWhenClusteredThenMarksInTheDataGridAndReadinessReportsIt()
      throws ServletException {
    start();

    assertThat(status("t1")).isEqualTo(200);
    assertThat(status("t1")).isEqualTo(401);
    assertThat(
            ((CacheManager) JndiCacheManager.bound)
                .getCache("portcullis.firstUse.test.once.PT1M", String.class, Boolean.class)
                .containsKey("t1"))
        .isTrue();
    Grid grid = Grid.of(config.getServletContext(), "clustered").orElseThrow();
    assertThat(grid.status()).isEqualTo(new GridStatus(true, true, 1, false));
    assertThat(Health.summary()).containsEntry("clustered grid", true);
  }

  @Test
  void authenticateWhenMemberLostAndFailClosedThen503AndReadinessDown() throws ServletException {
    start();
    assertThat(status("t1")).isEqualTo(200);

    Hazelcast.shutdownAll();

    Exchange refused =
        Exchange.run(filter, FakeRequest.get("/api").header("Authorization", "Bearer t2"));
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.header("Retry-After")).isEqualTo("5");
    assertThat(refused.challenges()).isEmpty();
    assertThat(Health.summary()).containsEntry("clustered grid", false);
  }

  @Test
  void authenticateWhenMemberLostAndOnLossLocalThenDecidedLocallyLoggedOnce()
      throws ServletException {
    start("grid.onLoss", "local");
    Hazelcast.shutdownAll();

    try (LogCapture log = LogCapture.start()) {
      assertThat(status("t3")).isEqualTo(200);
      assertThat(status("t3")).isEqualTo(401);
      assertThat(status("t4")).isEqualTo(200);

      assertThat(log.messages(Grid.class.getName()))
          .filteredOn(m -> m.startsWith("Grid cluster lost"))
          .hasSize(1);
    }
    assertThat(Health.summary()).containsEntry("clustered grid", true);
    assertThat(Health.check())
        .filteredOn(r -> r.component().equals("clustered grid"))
        .singleElement()
        .satisfies(r -> assertThat(r.data()).containsEntry("fallback", "true"));
  }
}
