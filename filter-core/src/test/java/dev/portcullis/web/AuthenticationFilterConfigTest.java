package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.config.ConfigurationException;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.RecordingChain;
import jakarta.servlet.ServletException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad settings stop the filter with a message naming the key and the value. */
class AuthenticationFilterConfigTest {

  @BeforeEach
  void resetCloseCount() {
    FakeBearerFactory.CLOSED.set(0);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertInitFails(
      String... keyValues) {
    return assertThatThrownBy(() -> Exchange.start(keyValues))
        .isInstanceOf(ServletException.class)
        .hasCauseInstanceOf(ConfigurationException.class);
  }

  @Test
  void initWhenUnknownInitParamThenFailsNamingTheKey() {
    assertInitFails("mechanisms", "fakeBearer", "requiredScope", "orders:read")
        .hasMessage("Unknown setting [requiredScope]; check the spelling or the mechanisms list");
    assertThat(FakeBearerFactory.CLOSED).hasValue(1);
  }

  @Test
  void initWhenUnknownMechanismKeyThenFailsNamingTheKey() {
    assertInitFails("mechanisms", "fakeKey", "fakeKey.headr", "X-Key")
        .hasMessageContaining("[fakeKey.headr]");
  }

  @Test
  void initWhenKeyOfMechanismNotListedThenFailsNamingTheKey() {
    assertInitFails("mechanisms", "fakeBearer", "fakeKey.header", "X-Key")
        .hasMessageContaining("[fakeKey.header]");
  }

  @Test
  void initWhenMechanismsMissingAndNothingToAuthorizeThenFails() {
    assertInitFails("realm", "api")
        .hasMessage(
            "Setting mechanisms is missing; without it the filter only authorizes and needs"
                + " requiredScopes or requiredRoles");
  }

  @Test
  void initWhenMechanismsExpressionMalformedThenFailsShowingIt() {
    for (String bad :
        new String[] {
          "fakeBearer,",
          ",fakeBearer",
          "fakeBearer++fakeKey",
          "fake-bearer",
          "fakeBearer+fakeBearer",
          "fakeBearer,fakeBearer",
          "fakeBearer;fakeKey",
          "+"
        }) {
      assertInitFails("mechanisms", bad)
          .as(bad)
          .hasMessageStartingWith("Invalid value [" + bad + "] for setting mechanisms: ");
    }
  }

  @Test
  void initWhenMechanismUnknownThenFailsListingAvailableOnes() {
    assertInitFails("mechanisms", "fakeBearer,jwt")
        .hasMessageStartingWith(
            "Invalid value [jwt] for setting mechanisms: no such mechanism on the class path;"
                + " available: [")
        .hasMessageContaining("fakeBearer")
        .hasMessageContaining("fakeKey")
        .hasMessageContaining("fakeCert");
    assertThat(FakeBearerFactory.CLOSED).hasValue(1);
  }

  @Test
  void initWhenFactoryFailsThenFailsAndClosesEarlierAuthenticators() {
    assertInitFails("mechanisms", "fakeBearer,needsFile")
        .hasMessage("Missing required setting needsFile.file");
    assertThat(FakeBearerFactory.CLOSED).hasValue(1);
    assertInitFails("mechanisms", "fakeBearer,needsFile", "needsFile.file", "/x")
        .hasMessage(
            "Invalid value [/x] for setting needsFile.file: this test mechanism never starts");
  }

  /**
   * Requests are matched on their canonical path, so an exclusion that is not canonical would never
   * match (or match what its author did not mean): refused at deployment.
   */
  @Test
  void initWhenExcludedPathNotCanonicalThenFailsShowingIt() {
    String[] bad = {
      "/api/./status",
      "/api/public/../admin/*",
      "/api;x/status",
      "/api//status",
      "/api/p%75blic/*",
      "/api/caf%c3%a9",
      "/api/a%2Fb",
      "/api/a b",
    };
    for (String path : bad) {
      assertInitFails("mechanisms", "fakeBearer", "excludedPaths", "/ok, /ok/*, /*, " + path)
          .as(path)
          .hasMessage(
              "Invalid value ["
                  + path
                  + "] for setting excludedPaths: not a canonical path (no dot segments, ';'"
                  + " parameters, empty segments, escapes of letters, digits or -._~, lower-case"
                  + " escapes)");
    }
  }

  @Test
  void initWhenExcludedPathMalformedThenFailsShowingIt() {
    for (String bad : new String[] {"api/public", "/api/*/x", "/api/**", "/api*", "*"}) {
      assertInitFails("mechanisms", "fakeBearer", "excludedPaths", "/ok, " + bad)
          .as(bad)
          .hasMessage(
              "Invalid value ["
                  + bad
                  + "] for setting excludedPaths: expected /exact/path or /prefix/*");
    }
  }

  @Test
  void initWhenRealmNotHeaderSafeThenFailsShowingIt() {
    for (String bad : new String[] {"a\"b", "a\\b", "réalm", "a\u0001b"}) {
      assertInitFails("mechanisms", "fakeBearer", "realm", bad)
          .as(bad)
          .hasMessageStartingWith("Invalid value [" + bad + "] for setting realm: ");
    }
  }

  @Test
  void initWhenRetryAfterBelowOneSecondThenFails() {
    assertInitFails("mechanisms", "down", "retryAfter", "500ms")
        .hasMessage("Invalid value [PT0.5S] for setting retryAfter: must be at least 1s");
    assertInitFails("mechanisms", "down", "retryAfter", "0s")
        .hasMessage("Invalid value [PT0S] for setting retryAfter: must be at least 1s");
    assertInitFails("mechanisms", "down", "retryAfter", "soon")
        .hasMessage(
            "Invalid value [soon] for setting retryAfter:"
                + " expected a duration such as 30s, 5m, 1h or PT30S");
  }

  @Test
  void initWhenRequiredNotExactlyBooleanThenFails() {
    assertInitFails("mechanisms", "fakeBearer", "required", "TRUE")
        .hasMessage("Invalid value [TRUE] for setting required: expected true or false");
    assertInitFails("mechanisms", "fakeBearer", "required", "no")
        .hasMessage("Invalid value [no] for setting required: expected true or false");
  }

  @Test
  void initWhenRequiredScopeNotATokenThenFails() {
    assertInitFails("mechanisms", "fakeBearer", "requiredScopes", "orders:read, a\"b")
        .hasMessage("Invalid value [a\"b] for setting requiredScopes: not a scope token");
    assertInitFails("mechanisms", "fakeBearer", "requiredScopes", "orders:read,a b")
        .hasMessage("Invalid value [a b] for setting requiredScopes: not a scope token");
  }

  @Test
  void initWhenMethodNotATokenThenFails() {
    assertInitFails("mechanisms", "fakeBearer", "methods", "GET,PO ST")
        .hasMessage("Invalid value [PO ST] for setting methods: not an HTTP method");
  }

  @Test
  void initWhenValueUsesMissingPlaceholderThenFailsNamingKeyAndPlaceholder() {
    assertInitFails("mechanisms", "fakeBearer", "realm", "${PORTCULLIS_TEST_UNSET_REALM}")
        .hasMessage("Setting realm refers to [${PORTCULLIS_TEST_UNSET_REALM}], which is not set");
  }

  @Test
  void initWhenValueUsesPlaceholderDefaultThenItApplies() throws ServletException {
    AuthenticationFilter filter =
        Exchange.start("mechanisms", "fakeBearer", "realm", "${PORTCULLIS_TEST_UNSET_REALM:shop}");

    assertThat(Exchange.run(filter, FakeRequest.get("/a")).challenges())
        .containsExactly("Bearer realm=\"shop\"");
  }

  @Test
  void doFilterWhenNotInitialisedThenServletException() {
    AuthenticationFilter filter = new AuthenticationFilter();

    assertThatThrownBy(
            () ->
                filter.doFilter(
                    FakeRequest.get("/a").build(),
                    new FakeResponse().servlet(),
                    new RecordingChain()))
        .isInstanceOf(ServletException.class)
        .hasMessage("Portcullis filter used before init");
  }

  @Test
  void destroyWhenStartedThenClosesAuthenticatorsOnce() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer,fakeKey");

    filter.destroy();
    filter.destroy();

    assertThat(FakeBearerFactory.CLOSED).hasValue(1);
  }

  @Test
  void initWhenMechanismUsedInTwoBranchesThenCreatedOnce() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeCert+fakeBearer,fakeBearer");

    filter.destroy();

    assertThat(FakeBearerFactory.CLOSED).hasValue(1);
  }
}
