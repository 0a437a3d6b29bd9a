package dev.portcullis.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.apikey.jdbc.TestNaming;
import dev.portcullis.quota.Balance;
import dev.portcullis.quota.JdbcQuotaStore;
import dev.portcullis.quota.QuotaDatabase;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The feature registers a check exactly on annotated resource methods, and the check answers with
 * the filter's refusal, copied into a JAX-RS response by the real Jersey runtime delegate.
 */
class PortcullisFeatureTest {

  @RequiresScopes("invoices:read")
  static class Invoices {
    public void list() {}

    @RequiresScopes({"invoices:write", "audit"})
    public void create() {}

    @RequiresRoles("admin")
    public void delete() {}
  }

  static class Open {
    public void get() {}

    @RequiresRoles({"admin", "auditor"})
    public void audit() {}
  }

  @RequiresRoles("staff")
  static class Staff {
    @RequiresRoles("admin")
    public void promote() {}
  }

  @QuotaCost(2)
  static class Metered {
    public void list() {}

    @QuotaCost(5)
    @RequiresScopes("generate")
    public void generate() {}
  }

  @RequiresScopes("bad scope")
  static class Broken {
    public void get() {}
  }

  /** The filter the feature registered, with its priority, or null. */
  private record Registered(ContainerRequestFilter filter, int priority) {}

  private static Registered configure(Class<?> resource, String method) throws Exception {
    Method m = resource.getMethod(method);
    ResourceInfo info =
        (ResourceInfo)
            Proxy.newProxyInstance(
                ResourceInfo.class.getClassLoader(),
                new Class<?>[] {ResourceInfo.class},
                (proxy, call, args) -> call.getName().equals("getResourceClass") ? resource : m);
    List<Registered> registered = new ArrayList<>();
    FeatureContext context =
        (FeatureContext)
            Proxy.newProxyInstance(
                FeatureContext.class.getClassLoader(),
                new Class<?>[] {FeatureContext.class},
                (proxy, call, args) -> {
                  if (call.getName().equals("register") && args.length == 2) {
                    registered.add(
                        new Registered((ContainerRequestFilter) args[0], (Integer) args[1]));
                    return proxy;
                  }
                  throw new UnsupportedOperationException(call.getName());
                });
    new PortcullisFeature().configure(info, context);
    assertThat(registered.size()).isLessThanOrEqualTo(1);
    return registered.isEmpty() ? null : registered.get(0);
  }

  /** Runs a registered check on the request the filter passed on; the abort response or null. */
  private static Response run(Registered registered, HttpServletRequest passed) throws Exception {
    Response[] aborted = new Response[1];
    ContainerRequestContext context =
        (ContainerRequestContext)
            Proxy.newProxyInstance(
                ContainerRequestContext.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class},
                (proxy, call, args) -> {
                  switch (call.getName()) {
                    case "getProperty":
                      return passed.getAttribute((String) args[0]);
                    case "abortWith":
                      aborted[0] = (Response) args[0];
                      return null;
                    default:
                      throw new UnsupportedOperationException(call.getName());
                  }
                });
    registered.filter().filter(context);
    return aborted[0];
  }

  private static HttpServletRequest authenticated(String token) throws Exception {
    return authenticated(token, filter(new FakeFilterConfig()));
  }

  private static AuthenticationFilter filter(FakeFilterConfig config) throws Exception {
    AuthenticationFilter filter = new AuthenticationFilter();
    filter.init(config.param("mechanisms", ClaimsBearerFactory.NAME).param("realm", "shop"));
    return filter;
  }

  private static HttpServletRequest authenticated(String token, AuthenticationFilter filter)
      throws Exception {
    RecordingChain chain = new RecordingChain();
    filter.doFilter(
        FakeRequest.get("/api/invoices").header("Authorization", "Bearer " + token).build(),
        new FakeResponse().servlet(),
        chain);
    return (HttpServletRequest) chain.request();
  }

  @Test
  void configureWhenNoAnnotationThenNothingRegistered() throws Exception {
    assertThat(configure(Open.class, "get")).isNull();
  }

  @Test
  void configureWhenAnnotatedThenRegisteredAtAuthorizationPriority() throws Exception {
    assertThat(configure(Invoices.class, "list").priority()).isEqualTo(Priorities.AUTHORIZATION);
    assertThat(configure(Open.class, "audit").priority()).isEqualTo(Priorities.AUTHORIZATION);
  }

  @Test
  void filterWhenClassAndMethodScopesMissingThenInsufficientScopeNamingBoth() throws Exception {
    Response response =
        run(configure(Invoices.class, "create"), authenticated("scopes.invoices:read"));

    assertThat(response.getStatus()).isEqualTo(403);
    assertThat(response.getStringHeaders().get("WWW-Authenticate"))
        .containsExactly(
            "Bearer realm=\"shop\", error=\"insufficient_scope\","
                + " scope=\"invoices:read invoices:write audit\"");
    assertThat(response.getHeaderString("Cache-Control")).isEqualTo("no-store");
    assertThat(response.getMediaType()).hasToString("application/json");
    assertThat(response.getEntity()).isEqualTo("{\"error\":\"insufficient_scope\"}");
  }

  @Test
  void filterWhenScopesGrantedThenNotAborted() throws Exception {
    HttpServletRequest passed = authenticated("scopes.invoices:read.invoices:write.audit");

    assertThat(run(configure(Invoices.class, "create"), passed)).isNull();
    assertThat(run(configure(Invoices.class, "list"), passed)).isNull();
  }

  @Test
  void filterWhenRoleMissingThenForbiddenWithoutChallenge() throws Exception {
    Response response =
        run(configure(Invoices.class, "delete"), authenticated("scopes.invoices:read"));

    assertThat(response.getStatus()).isEqualTo(403);
    assertThat(response.getHeaders()).doesNotContainKey("WWW-Authenticate");
    assertThat(response.getEntity()).isEqualTo("{\"error\":\"forbidden\"}");
  }

  @Test
  void filterWhenOneOfTheRolesHeldThenNotAborted() throws Exception {
    assertThat(run(configure(Open.class, "audit"), authenticated("roles.auditor"))).isNull();
  }

  @Test
  void filterWhenClassAndMethodRolesThenBothApply() throws Exception {
    Registered promote = configure(Staff.class, "promote");

    assertThat(run(promote, authenticated("roles.admin")).getStatus()).isEqualTo(403);
    assertThat(run(promote, authenticated("roles.staff")).getStatus()).isEqualTo(403);
    assertThat(run(promote, authenticated("roles.staff.admin"))).isNull();
  }

  @Test
  void filterWhenNoFilterRanThenForbidden() throws Exception {
    Response response = run(configure(Invoices.class, "list"), FakeRequest.get("/x").build());

    assertThat(response.getStatus()).isEqualTo(403);
    assertThat(response.getEntity()).isEqualTo("{\"error\":\"forbidden\"}");
  }

  @Test
  void filterWhenQuotaCostThenTakesTheRestAfterTheScopeCheckAndRefusesWhenShort() throws Exception {
    try (QuotaDatabase database = new QuotaDatabase()) {
      TestNaming.install();
      TestNaming.BOUND.put("java:app/jdbc/quota", database.dataSource());
      JdbcQuotaStore admin =
          JdbcQuotaStore.create(
              database.dataSource(), QuotaDatabase.settings(Map.of()), Clock.systemUTC());
      admin.set("claimsBearer:alice", new Balance(9, 9, 0, 0, 0));
      AuthenticationFilter metered =
          filter(new FakeFilterConfig().param("quota.dataSource", "java:app/jdbc/quota"));

      Registered generate = configure(Metered.class, "generate");
      assertThat(run(generate, authenticated("scopes.read", metered)).getStatus()).isEqualTo(403);
      assertThat(run(generate, authenticated("scopes.generate", metered))).isNull();
      assertThat(run(configure(Metered.class, "list"), authenticated("scopes.read", metered)))
          .isNull();
      Response refused = run(generate, authenticated("scopes.generate", metered));

      assertThat(refused.getStatus()).isEqualTo(429);
      assertThat(refused.getEntity()).isEqualTo("{\"error\":\"insufficient_quota\"}");
      assertThat(refused.getHeaderString("Credits-Remaining")).isEqualTo("0");
      // of 9: 1 (filter; the scope check refuses) + 1 + 4 (rest of 5) + 1 + 1 (list: 2) + 1
      // (filter; the rest of 5 is short and nothing more is taken)
      assertThat(admin.balance("claimsBearer:alice").orElseThrow().remaining()).isZero();
      metered.destroy();
    } finally {
      TestNaming.uninstall();
    }
  }

  @Test
  void configureWhenQuotaCostNegativeThenRefused() {
    @QuotaCost(-1)
    class Negative {
      public void get() {}
    }
    assertThatThrownBy(() -> configure(Negative.class, "get"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cost out of range: [-1]");
  }

  @Test
  void configureWhenScopeNotATokenThenRefused() {
    assertThatThrownBy(() -> configure(Broken.class, "get"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Scope [bad scope] is not a scope token");
  }

  @Test
  void annotationsAreInheritedBySubclasses() {
    class Proxied extends Invoices {}

    assertThat(Proxied.class.getAnnotation(RequiresScopes.class).value())
        .containsExactly("invoices:read");
  }
}
