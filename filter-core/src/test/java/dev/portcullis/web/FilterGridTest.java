package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.grid.Grid;
import dev.portcullis.grid.GridStatus;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeTime;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The filter's {@code grid} settings: the grid a mechanism gets from its environment is the one a
 * resource finds in the servlet context, runs on the filter's ticker, is shared by the
 * application's filters and released when the last stops; a lost grid is a 503.
 */
class FilterGridTest {
  private final FakeTime time = new FakeTime();
  private final ServletContext context = new FakeFilterConfig().getServletContext();

  private AuthenticationFilter start(AuthenticationFilterBuilder builder, String name)
      throws ServletException {
    AuthenticationFilter filter = builder.time(time, time).build();
    filter.initialize(
        new FilterConfig() {
          @Override
          public String getFilterName() {
            return name;
          }

          @Override
          public ServletContext getServletContext() {
            return context;
          }

          @Override
          public String getInitParameter(String key) {
            return null;
          }

          @Override
          public Enumeration<String> getInitParameterNames() {
            return Collections.emptyEnumeration();
          }
        });
    return filter;
  }

  private static Exchange bearer(AuthenticationFilter filter, String token) {
    return Exchange.run(filter, FakeRequest.get("/api").header("Authorization", "Bearer " + token));
  }

  @Test
  void initWhenGridUnsetThenLocalGridInServletContext() throws ServletException {
    start(AuthenticationFilter.builder().mechanisms("once"), "main");

    assertThat(Grid.of(context, "main"))
        .get()
        .extracting(Grid::status)
        .isEqualTo(new GridStatus(false, true, 1, false));
    assertThat(Grid.of(context, "other")).isEmpty();
    assertThat(context.getAttribute(Grid.ATTRIBUTE_PREFIX + "main")).isInstanceOf(Grid.class);
  }

  @Test
  void authenticateWhenMarkMadeThenResourceSeesItAndTtlRunsOnFilterTicker()
      throws ServletException {
    AuthenticationFilter filter = start(AuthenticationFilter.builder().mechanisms("once"), "main");

    assertThat(bearer(filter, "t1").status()).isEqualTo(200);
    Exchange replay = bearer(filter, "t1");
    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.challenges())
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_token\","
                + " error_description=\"The token was used before\"");
    Grid grid = Grid.of(context, "main").orElseThrow();
    assertThat(grid.firstUse(OnceFactory.SPACE, "t1", OnceFactory.TTL)).isFalse();
    assertThat(grid.firstUse(OnceFactory.SPACE, "t2", OnceFactory.TTL)).isTrue();
    assertThat(bearer(filter, "t2").status()).isEqualTo(401);

    time.advance(OnceFactory.TTL);
    assertThat(bearer(filter, "t1").status()).isEqualTo(200);
  }

  @Test
  void authenticateWhenGridUnavailableThen503WithRetryAfterAndNoChallenge()
      throws ServletException {
    AuthenticationFilter filter =
        start(
            AuthenticationFilter.builder().mechanisms("once").retryAfter(Duration.ofSeconds(7)),
            "main");

    Exchange down = bearer(filter, "down");

    assertThat(down.status()).isEqualTo(503);
    assertThat(down.header("Retry-After")).isEqualTo("7");
    assertThat(down.challenges()).isEmpty();
    assertThat(down.passed()).isFalse();
  }

  @Test
  void initWhenTwoFiltersThenOneGridSharedUntilTheLastStops() throws ServletException {
    AuthenticationFilter first = start(AuthenticationFilter.builder().mechanisms("once"), "a");
    AuthenticationFilter second =
        start(AuthenticationFilter.builder().mechanisms("once").grid("local"), "b");
    Grid grid = Grid.of(context, "a").orElseThrow();
    assertThat(Grid.of(context, "b")).containsSame(grid);
    List<String> got = new ArrayList<>();
    grid.subscribe("keys", got::add);

    Grid.of(context, "b").orElseThrow().publish("keys", "revoked");
    first.destroy();

    assertThat(got).containsExactly("revoked");
    assertThat(Grid.of(context, "a")).isEmpty();
    assertThat(bearer(second, "t1").status()).isEqualTo(200);
    assertThat(Grid.of(context, "b")).containsSame(grid);
    second.destroy();
    assertThat(Grid.of(context, "b")).isEmpty();

    start(AuthenticationFilter.builder().mechanisms("once"), "c");
    assertThat(Grid.of(context, "c").orElseThrow()).isNotSameAs(grid);
  }

  @Test
  void registerWhenProbeStartsAndStopsThenNoGridLeftBehind() {
    ServletContext taken =
        (ServletContext)
            Proxy.newProxyInstance(
                ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, m, args) -> {
                  if (m.getName().equals("addFilter")) {
                    return null;
                  }
                  try {
                    return m.invoke(context, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });

    assertThatThrownBy(
            () -> AuthenticationFilter.builder().mechanisms("once").register(taken, "probed"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("A filter named probed is already registered");
    assertThat(Grid.of(context, "probed")).isEmpty();
  }

  @Test
  void initWhenGridUnknownThenNamesKeyAndValue() {
    assertThatThrownBy(() -> Exchange.start("mechanisms", "once", "grid", "hazelcast"))
        .isInstanceOf(ServletException.class)
        .hasMessage("Invalid value [hazelcast] for setting grid: expected local or jcache");
  }

  @Test
  void initWhenOnLossUnknownThenNamesKeyAndValue() {
    assertThatThrownBy(
            () -> Exchange.start("mechanisms", "once", "grid", "jcache", "grid.onLoss", "open"))
        .isInstanceOf(ServletException.class)
        .hasMessage("Invalid value [open] for setting grid.onLoss: expected failClosed or local");
  }

  @Test
  void initWhenOnLossWithLocalGridThenRefusedAsContradictory() {
    assertThatThrownBy(() -> Exchange.start("mechanisms", "once", "grid.onLoss", "local"))
        .isInstanceOf(ServletException.class)
        .hasMessage(
            "Invalid value [local] for setting grid.onLoss: applies only when grid is jcache");
  }

  @Test
  void builderWhenGridSetTwiceThenRefused() {
    AuthenticationFilterBuilder builder =
        AuthenticationFilter.builder().grid("jcache").gridOnLoss("local");

    assertThatThrownBy(() -> builder.grid("local"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Setting grid was already set");
    assertThatThrownBy(() -> builder.gridOnLoss("failClosed"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Setting grid.onLoss was already set");
  }
}
