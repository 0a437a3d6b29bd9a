package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.RecordingMetrics;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AuthenticationFilterBuilder#register}: settings checked before the filter is added. */
class AuthenticationFilterRegisterTest {
  @TempDir Path dir;
  private final Map<String, Filter> added = new LinkedHashMap<>();
  private final ServletContext context = recording(new FakeFilterConfig().getServletContext());

  @Test
  void registerWhenSettingsGoodThenFilterAddedUnderThatName() throws ServletException {
    FilterRegistration.Dynamic registration =
        AuthenticationFilter.builder().mechanisms("fakeBearer").register(context, "api");

    assertThat(registration.getName()).isEqualTo("api");
    assertThat(added).containsOnlyKeys("api");
    AuthenticationFilter filter = (AuthenticationFilter) added.get("api");
    filter.init(new FakeFilterConfig().name("api"));
    assertThat(Exchange.run(filter, FakeRequest.get("/a")).challenges())
        .containsExactly("Bearer realm=\"api\"");
  }

  @Test
  void registerWhenSettingMisspeltThenThrowsNamingFilterAndKeyAndAddsNothing() {
    AuthenticationFilterBuilder builder =
        AuthenticationFilter.builder().mechanisms("fakeBearer").set("requiredScope", "orders:read");

    assertThatThrownBy(() -> builder.register(context, "api"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Filter api: Unknown setting [requiredScope]; check the spelling or the mechanisms"
                + " list");
    assertThat(added).isEmpty();
  }

  @Test
  void registerWhenValueBadThenThrowsNamingKeyAndValue() {
    AuthenticationFilterBuilder builder =
        AuthenticationFilter.builder().mechanisms("fakeBearer").set("required", "yes");

    assertThatThrownBy(() -> builder.register(context, "api"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Filter api: ")
        .hasMessageContaining("required")
        .hasMessageContaining("[yes]");
    assertThat(added).isEmpty();
  }

  @Test
  void registerWhenNameTakenThenThrows() {
    AuthenticationFilter.builder().mechanisms("fakeBearer").register(context, "api");

    assertThatThrownBy(
            () -> AuthenticationFilter.builder().mechanisms("fakeKey").register(context, "api"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("A filter named api is already registered");
  }

  @Test
  void registerWhenMetricsGivenThenTheCheckLeavesThemToTheRealFilter() throws Exception {
    RecordingMetrics metrics = new RecordingMetrics();
    Path keys = Files.writeString(dir.resolve("keys"), "");
    AuthenticationFilter.builder()
        .mechanisms("apiKey")
        .set("apiKey.file", keys.toString())
        .metrics(metrics)
        .register(context, "api");

    assertThatThrownBy(() -> metrics.gauge("cache.size{cache=apiKey}"))
        .isInstanceOf(IllegalArgumentException.class);
    added.get("api").init(new FakeFilterConfig().name("api"));
    assertThat(metrics.gauge("cache.size{cache=apiKey}")).isZero();
  }

  /** {@code base}, plus an {@code addFilter} that records the filter and refuses a taken name. */
  private ServletContext recording(ServletContext base) {
    return (ServletContext)
        Proxy.newProxyInstance(
            ServletContext.class.getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, m, args) -> {
              if (m.getName().equals("addFilter") && args[1] instanceof Filter filter) {
                String name = (String) args[0];
                return added.putIfAbsent(name, filter) == null ? registration(name) : null;
              }
              try {
                return m.invoke(base, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static FilterRegistration.Dynamic registration(String name) {
    return (FilterRegistration.Dynamic)
        Proxy.newProxyInstance(
            FilterRegistration.Dynamic.class.getClassLoader(),
            new Class<?>[] {FilterRegistration.Dynamic.class},
            (proxy, m, args) -> m.getName().equals("getName") ? name : null);
  }
}
