package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.FakeFilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every declared Portcullis filter is checked, with or without init-params. */
class DeploymentCheckTest {
  private static final String OVERRIDE = "portcullis.bare.mechanisms";
  private final Map<String, FilterRegistration> registrations = new LinkedHashMap<>();
  private final ServletContext base = new FakeFilterConfig().getServletContext();

  @AfterEach
  void clear() {
    System.clearProperty(OVERRIDE);
    System.clearProperty("portcullis.bare.requiredScope");
  }

  private ServletContext context() {
    return (ServletContext)
        Proxy.newProxyInstance(
            ServletContext.class.getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, m, args) -> {
              if (m.getName().equals("getFilterRegistrations")) {
                return registrations;
              }
              try {
                return m.invoke(base, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private void declare(String name, Map<String, String> params) {
    registrations.put(
        name,
        (FilterRegistration)
            Proxy.newProxyInstance(
                FilterRegistration.class.getClassLoader(),
                new Class<?>[] {FilterRegistration.class},
                (proxy, m, args) ->
                    switch (m.getName()) {
                      case "getName" -> name;
                      case "getClassName" -> AuthenticationFilter.class.getName();
                      case "getInitParameters" -> params;
                      default -> null;
                    }));
  }

  @Test
  void runWhenFilterWithoutInitParamsHasBadOverrideThenDeploymentStopsNamingTheKey() {
    System.setProperty(OVERRIDE, "fakeBearer");
    System.setProperty("portcullis.bare.requiredScope", "orders:read");
    declare("bare", Map.of());

    assertThatThrownBy(() -> DeploymentCheck.run(context()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Filter bare: Unknown setting [portcullis.bare.requiredScope], an override of filter"
                + " bare; did you mean requiredScopes?");
  }

  @Test
  void runWhenFilterWithoutInitParamsOrOverridesThenDeploymentStops() {
    declare("bare", Map.of());

    assertThatThrownBy(() -> DeploymentCheck.run(context()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Filter bare: Setting mechanisms is missing");
  }

  @Test
  void runWhenFilterWithoutInitParamsConfiguredByOverrideThenPasses() {
    System.setProperty(OVERRIDE, "fakeBearer");
    declare("bare", Map.of());

    assertThatCode(() -> DeploymentCheck.run(context())).doesNotThrowAnyException();
  }

  @Test
  void runWhenBuilderCheckedTheFilterThenNotCheckedAgain() {
    ServletContext context = context();
    declare("coded", Map.of());
    DeploymentCheck.checked(context, "coded");

    assertThatCode(() -> DeploymentCheck.run(context)).doesNotThrowAnyException();
    assertThat(context.getAttribute(DeploymentCheck.CHECKED)).isEqualTo(java.util.Set.of("coded"));
  }
}
