package dev.portcullis.grid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeTime;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Hashtable;
import javax.cache.CacheManager;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;
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

  /** A JNDI provider that knows only {@value Grids#PAYARA_CACHE_MANAGER}. */
  public static final class Jndi implements InitialContextFactory {
    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
      return (Context)
          Proxy.newProxyInstance(
              Context.class.getClassLoader(),
              new Class<?>[] {Context.class},
              (proxy, m, args) -> {
                if (m.getName().equals("lookup") && Grids.PAYARA_CACHE_MANAGER.equals(args[0])) {
                  return bound;
                }
                if (m.getName().equals("close")) {
                  return null;
                }
                throw new NameNotFoundException(String.valueOf(args == null ? null : args[0]));
              });
    }
  }

  @BeforeAll
  static void start() {
    members = new Members(1);
    bound = members.manager(0);
    System.setProperty(Context.INITIAL_CONTEXT_FACTORY, Jndi.class.getName());
  }

  @AfterAll
  static void stop() {
    System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
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
