package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Identity;
import dev.portcullis.testing.FakeRequest;
import jakarta.servlet.ServletException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SECURITY-CASES "Header parsing": reflection, whitespace, sources and optional mode. */
class AuthenticationFilterHeaderTest {
  private static final String BEARER = "Bearer realm=\"api\"";
  private static final String API_KEY = "ApiKey realm=\"api\"";

  private AuthenticationFilter filter;

  @BeforeEach
  void start() throws ServletException {
    filter = Exchange.start("mechanisms", "fakeBearer,fakeKey");
  }

  @Test
  void doFilterWhenAttackerTextInCredentialsThenNeverReflected() {
    String marker = "EVIL\"\\<script>";
    List<FakeRequest> attacks =
        List.of(
            FakeRequest.get("/api/me").header("Authorization", "Bearer " + marker),
            FakeRequest.get("/api/me").header("Authorization", "Bearer x\r\nSet-Cookie: " + marker),
            FakeRequest.get("/api/me").header("Authorization", marker + " abc"),
            FakeRequest.get("/api/me").header("Authorization", "ApiKey " + marker),
            FakeRequest.get("/api/me").header("X-API-Key", marker),
            FakeRequest.get("/api/me")
                .header("Authorization", "Bearer " + marker)
                .header("Authorization", marker),
            FakeRequest.get("/api/me")
                .header("Authorization", "Bearer " + marker)
                .header("X-API-Key", marker),
            FakeRequest.get("/api/me").header("Authorization", "Bearer é" + marker));
    for (FakeRequest attack : attacks) {
      Exchange e = Exchange.run(filter, attack);

      assertThat(e.status()).isIn(400, 401);
      assertThat(e.body()).doesNotContain("EVIL");
      for (Map.Entry<String, List<String>> header : e.response().allHeaders().entrySet()) {
        assertThat(header.getKey()).doesNotContainIgnoringCase("cookie");
        assertThat(header.getValue()).noneMatch(v -> v.contains("EVIL") || v.contains("\r"));
      }
    }
  }

  @Test
  void doFilterWhenPassedThenVaryAuthorizationOnceForAllMechanisms() {
    Exchange e =
        Exchange.run(filter, FakeRequest.get("/a").header("Authorization", "Bearer writer"));

    assertThat(e.passed()).isTrue();
    assertThat(e.response().headers("Vary")).containsExactly("Authorization");
  }

  @Test
  void doFilterWhenPathExcludedThenNoVary() throws ServletException {
    AuthenticationFilter excluding =
        Exchange.start("mechanisms", "fakeBearer", "excludedPaths", "/public/*");

    Exchange e = Exchange.run(excluding, FakeRequest.get("/public/ping"));

    assertThat(e.passed()).isTrue();
    assertThat(e.response().headers("Vary")).isEmpty();
  }

  @Test
  void doFilterWhenTokenHasTabInsideThenBadRequest() {
    Exchange e =
        Exchange.run(filter, FakeRequest.get("/api/me").header("Authorization", "Bearer a\tb"));

    assertThat(e.status()).isEqualTo(400);
  }

  @Test
  void doFilterWhenTwoTokensSeparatedBySpaceThenBadRequest() {
    Exchange e =
        Exchange.run(filter, FakeRequest.get("/api/me").header("Authorization", "Bearer good bad"));

    String error =
        ", error=\"invalid_request\","
            + " error_description=\"The Authorization field must carry exactly one credential\"";
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.challenges()).containsExactly(BEARER + error, API_KEY + error);
  }

  @Test
  void doFilterWhenApiKeySchemeCarriesListThenBadRequest() {
    Exchange e =
        Exchange.run(filter, FakeRequest.get("/api/me").header("Authorization", "ApiKey k1,k1"));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.passed()).isFalse();
  }

  @Test
  void doFilterWhenExtraSpacesAroundTokenThenAccepted() {
    Exchange e =
        Exchange.run(
            filter, FakeRequest.get("/api/me").header("Authorization", "  Bearer   good "));

    assertThat(e.status()).isEqualTo(200);
    assertThat(e.passed()).isTrue();
  }

  @Test
  void doFilterWhenUnknownSchemeCarriesCommasThenPlainUnauthorizedNotBadRequest() {
    Exchange e =
        Exchange.run(
            filter,
            FakeRequest.get("/api/me")
                .header("Authorization", "Digest username=\"a\", nonce=\"b\""));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges()).containsExactly(BEARER, API_KEY);
  }

  @Test
  void doFilterWhenEmptyAuthorizationFieldThenPlainUnauthorized() {
    Exchange e = Exchange.run(filter, FakeRequest.get("/api/me").header("Authorization", ""));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges()).containsExactly(BEARER, API_KEY);
  }

  @Test
  void doFilterWhenApiKeyInAuthorizationAndHeaderThenAllowedAsOneMechanism() {
    Exchange e =
        Exchange.run(
            filter,
            FakeRequest.get("/api/me")
                .header("Authorization", "ApiKey k1")
                .header("X-API-Key", "k1"));

    assertThat(e.status()).isEqualTo(200);
    assertThat(e.forwarded().getRemoteUser()).isEqualTo("bob");
  }

  @Test
  void doFilterWhenApiKeyHeaderConfiguredThenThatHeaderIsRead() throws ServletException {
    AuthenticationFilter custom =
        Exchange.start("mechanisms", "fakeKey", "fakeKey.header", "X-Key");

    assertThat(Exchange.run(custom, FakeRequest.get("/a").header("X-Key", "k1")).status())
        .isEqualTo(200);
    assertThat(Exchange.run(custom, FakeRequest.get("/a").header("X-API-Key", "k1")).status())
        .isEqualTo(401);
  }

  @Test
  void doFilterWhenOptionalAndAnonymousThenPassesWithoutIdentity() throws ServletException {
    AuthenticationFilter optional =
        Exchange.start("mechanisms", "fakeBearer,fakeKey", "required", "false");

    Exchange e = Exchange.run(optional, FakeRequest.get("/api/me"));

    assertThat(e.passed()).isTrue();
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.forwarded()).isNotInstanceOf(AuthenticatedRequest.class);
    assertThat(e.forwarded().getUserPrincipal()).isNull();
    assertThat(e.forwarded().getAttribute(Identity.REQUEST_ATTRIBUTE)).isNull();
  }

  @Test
  void doFilterWhenOptionalAndBadCredentialThenStillUnauthorized() throws ServletException {
    AuthenticationFilter optional =
        Exchange.start("mechanisms", "fakeBearer,fakeKey", "required", "false");

    Exchange e =
        Exchange.run(optional, FakeRequest.get("/api/me").header("Authorization", "Bearer bad"));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges())
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_token\","
                + " error_description=\"The access token is invalid\"");
    assertThat(e.passed()).isFalse();
  }

  @Test
  void doFilterWhenOptionalAndGoodCredentialThenAuthenticated() throws ServletException {
    AuthenticationFilter optional = Exchange.start("mechanisms", "fakeBearer", "required", "false");

    Exchange e =
        Exchange.run(optional, FakeRequest.get("/api/me").header("Authorization", "Bearer good"));

    assertThat(e.forwarded().getRemoteUser()).isEqualTo("alice");
  }

  @Test
  void doFilterWhenRealmConfiguredThenEveryChallengeCarriesIt() throws ServletException {
    AuthenticationFilter realm =
        Exchange.start("mechanisms", "fakeBearer,fakeKey", "realm", "orders service");

    assertThat(Exchange.run(realm, FakeRequest.get("/api/me")).challenges())
        .containsExactly("Bearer realm=\"orders service\"", "ApiKey realm=\"orders service\"");
  }
}
