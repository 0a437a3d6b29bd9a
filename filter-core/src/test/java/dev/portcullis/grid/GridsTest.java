package dev.portcullis.grid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.JndiCacheManager;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import javax.cache.CacheManager;
import javax.naming.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code grid=jcache} takes Payara's cache manager from JNDI ({@value Grids#PAYARA_CACHE_MANAGER})
 * when it is bound there, as on Payara Micro, where the default provider is Hazelcast's client.
 */
class GridsTest {
  private static Members members;
  private static CacheManager bound;

  @BeforeAll
  static void start() {
    members = new Members(1);
    bound = members.manager(0);
    JndiCacheManager.bound = bound;
    System.setProperty(Context.INITIAL_CONTEXT_FACTORY, JndiCacheManager.class.getName());
  }

  @AfterAll
  static void stop() {
    System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
    JndiCacheManager.bound = null;
    members.close();
  }

  @Test
  void openWhenPayaraCacheManagerBoundThenJCacheGridUsesIt() {
    ServletContext context = new FakeFilterConfig().getServletContext();
    Grid grid = Grids.open(context, "main", Grids.JCACHE, Grids.FAIL_CLOSED, new FakeTime());
    try {
      assertThat(grid.firstUse("bound", "k", Duration.ofMinutes(1))).isTrue();

      assertThat(
              bound
                  .getCache("portcullis.firstUse.bound.PT1M", String.class, Boolean.class)
                  .containsKey("k"))
          .isTrue();
      assertThat(grid.status().clustered()).isTrue();
    } finally {
      Grids.close(context, "main");
    }
    assertThat(Grid.of(context, "main")).isEmpty();
  }
}
