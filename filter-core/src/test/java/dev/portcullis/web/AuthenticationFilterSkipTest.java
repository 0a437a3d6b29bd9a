package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeRequest;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

/** CORS preflight, excluded paths and the methods setting. */
class AuthenticationFilterSkipTest {

  @Test
  void doFilterWhenCorsPreflightThenPassesUntouched() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer");
    FakeRequest preflight =
        FakeRequest.get("/api/orders")
            .method("OPTIONS")
            .header("Origin", "https://app.example")
            .header("Access-Control-Request-Method", "POST");

    Exchange e = Exchange.run(filter, preflight);

    assertThat(e.passed()).isTrue();
    assertThat(e.forwarded()).isNotInstanceOf(AuthenticatedRequest.class);
    assertThat(e.response().allHeaders()).isEmpty();
  }

  @Test
  void doFilterWhenOptionsWithoutRequestMethodThenAuthenticated() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer");

    Exchange e =
        Exchange.run(
            filter,
            FakeRequest.get("/api/orders").method("OPTIONS").header("Origin", "https://a.example"));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.passed()).isFalse();
  }

  @Test
  void doFilterWhenOptionsWithoutOriginThenAuthenticated() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer");

    Exchange e =
        Exchange.run(
            filter,
            FakeRequest.get("/api/orders")
                .method("OPTIONS")
                .header("Access-Control-Request-Method", "POST"));

    assertThat(e.status()).isEqualTo(401);
  }

  @Test
  void doFilterWhenPathExcludedExactlyThenPassesAndNeighboursDoNot() throws ServletException {
    AuthenticationFilter filter =
        Exchange.start("mechanisms", "fakeBearer", "excludedPaths", "/health, /api/public/*");

    assertThat(Exchange.run(filter, FakeRequest.get("/health")).passed()).isTrue();
    assertThat(Exchange.run(filter, FakeRequest.get("/health/x")).status()).isEqualTo(401);
    assertThat(Exchange.run(filter, FakeRequest.get("/healthz")).status()).isEqualTo(401);
  }

  @Test
  void doFilterWhenPathUnderExcludedPrefixThenPasses() throws ServletException {
    AuthenticationFilter filter =
        Exchange.start("mechanisms", "fakeBearer", "excludedPaths", "/api/public/*");

    assertThat(Exchange.run(filter, FakeRequest.get("/api/public")).passed()).isTrue();
    assertThat(Exchange.run(filter, FakeRequest.get("/api/public/ping")).passed()).isTrue();
    assertThat(Exchange.run(filter, FakeRequest.get("/api").pathInfo("/public/ping")).passed())
        .isTrue();
  }

  @Test
  void doFilterWhenPathOnlySharesPrefixTextThenNotExcluded() throws ServletException {
    AuthenticationFilter filter =
        Exchange.start("mechanisms", "fakeBearer", "excludedPaths", "/api/public/*");

    Exchange e = Exchange.run(filter, FakeRequest.get("/api/publicX"));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.passed()).isFalse();
    assertThat(Exchange.run(filter, FakeRequest.get("/api/publicX/ping")).status()).isEqualTo(401);
  }

  @Test
  void doFilterWhenMethodNotListedThenPassesAndListedMethodsAreAuthenticated()
      throws ServletException {
    AuthenticationFilter filter =
        Exchange.start("mechanisms", "fakeBearer", "methods", "post, delete");

    assertThat(Exchange.run(filter, FakeRequest.get("/api/orders")).passed()).isTrue();
    assertThat(Exchange.run(filter, FakeRequest.get("/api/orders").method("POST")).status())
        .isEqualTo(401);
    assertThat(Exchange.run(filter, FakeRequest.get("/api/orders").method("DELETE")).status())
        .isEqualTo(401);
  }

  @Test
  void doFilterWhenListedMethodSentInLowerCaseThenStillAuthenticated() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer", "methods", "POST");

    Exchange e = Exchange.run(filter, FakeRequest.get("/api/orders").method("post"));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.passed()).isFalse();
  }

  @Test
  void doFilterWhenNoMethodsSettingThenEveryMethodAuthenticated() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer");

    for (String method : new String[] {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "TRACE"}) {
      assertThat(Exchange.run(filter, FakeRequest.get("/x").method(method)).status())
          .as(method)
          .isEqualTo(401);
    }
  }

  /** A preflight names a method and comes from an origin: an empty field is not a preflight. */
  @Test
  void doFilterWhenOptionsWithEmptyOriginOrRequestMethodThenAuthenticated()
      throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer");
    String[][] fields = {{"", "GET"}, {" ", "GET"}, {"https://a.example", ""}, {"null", "G T"}};

    for (String[] f : fields) {
      Exchange e =
          Exchange.run(
              filter,
              FakeRequest.get("/api/orders")
                  .method("OPTIONS")
                  .header("Origin", f[0])
                  .header("Access-Control-Request-Method", f[1]));
      assertThat(e.status()).as(String.join("|", f)).isEqualTo(401);
      assertThat(e.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\"");
      assertThat(e.passed()).isFalse();
    }
  }

  /**
   * A request that can name another method (an override header, a {@code _method} query parameter,
   * a POST form) is covered by a filter whose methods do not list its own: the override is applied
   * after the filter, so {@code POST} with {@code X-HTTP-Method-Override: DELETE} would run DELETE.
   */
  @Test
  void doFilterWhenMethodNotListedButOverrideNamedThenAuthenticated() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer", "methods", "DELETE");
    FakeRequest[] requests = {
      FakeRequest.get("/api/orders/1").method("POST").header("X-HTTP-Method-Override", "DELETE"),
      FakeRequest.get("/api/orders/1").method("POST").header("X-HTTP-Method", "DELETE"),
      FakeRequest.get("/api/orders/1").method("POST").header("X-Method-Override", "delete"),
      FakeRequest.get("/api/orders/1").method("GET").query("_method=DELETE"),
      FakeRequest.get("/api/orders/1").method("POST").query("a=1&%5Fmethod=DELETE"),
      FakeRequest.get("/api/orders/1").method("POST").query("_METHOD=DELETE"),
      FakeRequest.get("/api/orders/1").method("POST").query("%zz=1"),
      FakeRequest.get("/api/orders/1")
          .method("POST")
          .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"),
      FakeRequest.get("/api/orders/1").method("post").header("Content-Type", "Multipart/Form-Data"),
    };
    for (FakeRequest request : requests) {
      Exchange e = Exchange.run(filter, request);
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\"");
      assertThat(e.passed()).isFalse();
    }
    FakeRequest plain =
        FakeRequest.get("/api/orders/1")
            .method("POST")
            .query("method=x")
            .header("Content-Type", "application/json");
    assertThat(Exchange.run(filter, plain).passed()).isTrue();
  }
}
