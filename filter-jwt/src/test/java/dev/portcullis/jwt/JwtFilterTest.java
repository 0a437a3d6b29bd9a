package dev.portcullis.jwt;

import static dev.portcullis.jwt.Fixture.INVALID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Identity;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.AuthenticationFilterBuilder;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole AuthenticationFilter with the jwt mechanism: exact statuses and challenges. */
class JwtFilterTest {
  private Fixture f;
  private AuthenticationFilter filter;
  private FakeResponse response;
  private RecordingChain chain;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    filter = filter(builder());
  }

  @AfterEach
  void stop() {
    filter.destroy();
    f.close();
  }

  private AuthenticationFilterBuilder builder() {
    return builder("jwt");
  }

  private AuthenticationFilterBuilder builder(String mechanisms) {
    AuthenticationFilterBuilder b =
        AuthenticationFilter.builder().mechanisms(mechanisms).time(f.time, f.time);
    f.config.forEach((k, v) -> b.set("jwt." + k, v));
    return b;
  }

  private static AuthenticationFilter filter(AuthenticationFilterBuilder b) throws Exception {
    AuthenticationFilter filter = b.build();
    filter.init(new FakeFilterConfig());
    return filter;
  }

  private void send(String authorization) throws Exception {
    send(filter, authorization);
  }

  private void send(AuthenticationFilter target, String authorization) throws Exception {
    FakeRequest request = FakeRequest.get("/api/orders");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    response = new FakeResponse();
    chain = new RecordingChain();
    target.doFilter(request.build(), response.servlet(), chain);
  }

  @Test
  void doFilterWhenValidTokenThenChainSeesIdentity() throws Exception {
    send("Bearer " + f.token());
    assertThat(chain.called()).isTrue();
    HttpServletRequest seen = (HttpServletRequest) chain.request();
    assertThat(seen.getUserPrincipal().getName()).isEqualTo("alice");
    assertThat(seen.getAuthType()).isEqualTo("Bearer");
    assertThat(((Identity) seen.getAttribute(Identity.REQUEST_ATTRIBUTE)).mechanism())
        .isEqualTo("jwt");
  }

  @Test
  void doFilterWhenSchemeInAnyCaseThenAccepted() throws Exception {
    for (String scheme : List.of("bearer", "BEARER", "bEaReR")) {
      send(scheme + " " + f.token());
      assertThat(chain.called()).as(scheme).isTrue();
    }
  }

  @Test
  void doFilterWhenNoCredentialsThenPlainChallenge() throws Exception {
    send(null);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly("Bearer realm=\"api\"");
  }

  @Test
  void doFilterWhenBasicAtBearerEndpointThenPlainChallenge() throws Exception {
    send("Basic dXNlcjpwYXNz");
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly("Bearer realm=\"api\"");
  }

  @Test
  void doFilterWhenMalformedTokenThenInvalidTokenChallenge() throws Exception {
    send("Bearer not-a-jwt");
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(INVALID);
    assertThat(response.body()).doesNotContain("not-a-jwt");
  }

  @Test
  void doFilterWhenTokenOutsideToken68OrNonAsciiThenInvalidTokenChallenge() throws Exception {
    send("Bearer ab\"cd");
    assertThat(response.headers("WWW-Authenticate")).containsExactly(INVALID);
    send("Bearer t\u00f6ken");
    assertThat(response.headers("WWW-Authenticate")).containsExactly(INVALID);
  }

  @Test
  void doFilterWhen64KibCredentialThenInvalidTokenWithoutFetching() throws Exception {
    send("Bearer " + "A".repeat(65536));
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(INVALID);
    assertThat(f.server.count("/jwks")).isZero();
  }

  @Test
  void doFilterWhenEmptyBearerOrWhitespaceInTokenThenInvalidRequest() throws Exception {
    send("Bearer ");
    assertThat(response.status()).isEqualTo(400);
    String token = f.token();
    send("Bearer " + token.substring(0, 10) + " " + token.substring(10));
    assertThat(response.status()).isEqualTo(400);
  }

  @Test
  void doFilterWhenExpiredThenExpiredDescription() throws Exception {
    Map<String, Object> c = f.claims();
    c.put("exp", f.time.instant().getEpochSecond() - 1);
    send("Bearer " + f.token(c));
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate"))
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token has expired\"");
  }

  @Test
  void doFilterWhenScopeInsufficientThenForbiddenWithScope() throws Exception {
    try (AutoCloseableFilter scoped =
        new AutoCloseableFilter(filter(builder().requiredScopes("orders.write")))) {
      send(scoped.filter, "Bearer " + f.token());
      assertThat(response.status()).isEqualTo(403);
      assertThat(response.headers("WWW-Authenticate"))
          .containsExactly(
              "Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"orders.write\"");
      Map<String, Object> c = f.claims();
      c.remove("scope");
      c.put("scp", List.of("orders.read"));
      send(scoped.filter, "Bearer " + f.token(c));
      assertThat(response.status()).isEqualTo(403);
      assertThat(response.headers("WWW-Authenticate"))
          .containsExactly(
              "Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"orders.write\"");
      c.put("scp", List.of("orders.read", "orders.write"));
      send(scoped.filter, "Bearer " + f.token(c));
      assertThat(chain.called()).isTrue();
    }
  }

  @Test
  void doFilterWhenJwksDownAndNothingCachedThenServiceUnavailable() throws Exception {
    f.server.serve("/jwks", new JwksServer.Reply(500, "{}", Map.of()));
    send("Bearer " + f.token());
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Retry-After")).isEqualTo("5");
    assertThat(response.headers("WWW-Authenticate")).isEmpty();
  }

  @Test
  void doFilterWhenOpaqueTokenPassedToNextBearerMechanismThenItAuthenticates() throws Exception {
    f.config.put("opaqueTokens", "pass");
    try (AutoCloseableFilter both = new AutoCloseableFilter(filter(builder("jwt,opaqueStub")))) {
      send(both.filter, "Bearer opaque-good");
      assertThat(((HttpServletRequest) chain.request()).getUserPrincipal().getName())
          .isEqualTo("opaque-user");
      send(both.filter, "Bearer " + f.token());
      assertThat(((HttpServletRequest) chain.request()).getUserPrincipal().getName())
          .isEqualTo("alice");
      send(both.filter, "Bearer x.y.z");
      assertThat(response.headers("WWW-Authenticate")).containsExactly(INVALID);
    }
  }

  @Test
  void doFilterWhenOpaqueTokenAndJwtRejectsOpaqueThenInvalidTokenBeforeNextMechanism()
      throws Exception {
    try (AutoCloseableFilter both = new AutoCloseableFilter(filter(builder("jwt,opaqueStub")))) {
      send(both.filter, "Bearer opaque-good");
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.headers("WWW-Authenticate")).containsExactly(INVALID);
    }
  }

  @Test
  void doFilterWhenOpaqueTokenPassedButNoOtherMechanismThenPlainChallenge() throws Exception {
    f.config.put("opaqueTokens", "pass");
    try (AutoCloseableFilter only = new AutoCloseableFilter(filter(builder()))) {
      send(only.filter, "Bearer opaque-good");
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.headers("WWW-Authenticate")).containsExactly("Bearer realm=\"api\"");
    }
  }

  /** Closes a second filter. */
  private record AutoCloseableFilter(AuthenticationFilter filter) implements AutoCloseable {
    @Override
    public void close() {
      filter.destroy();
    }
  }
}
