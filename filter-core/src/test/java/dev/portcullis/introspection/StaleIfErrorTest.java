package dev.portcullis.introspection;

import static dev.portcullis.introspection.Fixture.active;
import static dev.portcullis.introspection.Fixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.testing.FakeTime;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opt-in stale-if-error: bounded, never past exp, forgotten once the token is inactive. */
class StaleIfErrorTest {
  private static final String TOKEN = "opaque-token-123";
  private static final LoopbackAs.Answer DOWN = LoopbackAs.json(500, "{}");

  private final FakeTime time = new FakeTime();
  private LoopbackAs as;
  private Map<String, String> settings;

  @BeforeEach
  void start() {
    as = LoopbackAs.http();
    settings = Fixture.settings(as.url("/introspect"));
    settings.put("introspection.cacheTtl", "1m");
  }

  @AfterEach
  void stop() {
    as.close();
  }

  private Authenticator create(String staleIfError) {
    if (staleIfError != null) {
      settings.put("introspection.staleIfError", staleIfError);
    }
    return Fixture.create(settings, time);
  }

  @Test
  void authenticateWhenServerDownWithinWindowThenLastActiveVerdictServes() throws Exception {
    try (Authenticator authenticator = create("5m")) {
      as.answer(LoopbackAs.json(200, active(time, 3600, "")));
      authenticator.authenticate(bearer(TOKEN));
      as.answer(DOWN);
      time.advance(Duration.ofMinutes(5).plusSeconds(59));
      assertThat(authenticator.authenticate(bearer(TOKEN)))
          .isInstanceOf(AuthResult.Authenticated.class);
      time.advance(Duration.ofSeconds(1));
      assertThatThrownBy(() -> authenticator.authenticate(bearer(TOKEN)))
          .isInstanceOf(ServiceUnavailableException.class);
    }
  }

  @Test
  void authenticateWhenServerDownAndStaleIfErrorOffThenUnavailable() throws Exception {
    try (Authenticator authenticator = create(null)) {
      as.answer(LoopbackAs.json(200, active(time, 3600, "")));
      authenticator.authenticate(bearer(TOKEN));
      as.answer(DOWN);
      time.advance(Duration.ofMinutes(1));
      assertThatThrownBy(() -> authenticator.authenticate(bearer(TOKEN)))
          .isInstanceOf(ServiceUnavailableException.class);
    }
  }

  @Test
  void authenticateWhenServerDownAfterExpThenUnavailable() throws Exception {
    try (Authenticator authenticator = create("5m")) {
      as.answer(LoopbackAs.json(200, active(time, 90, "")));
      authenticator.authenticate(bearer(TOKEN));
      as.answer(DOWN);
      time.advance(Duration.ofSeconds(90));
      assertThatThrownBy(() -> authenticator.authenticate(bearer(TOKEN)))
          .isInstanceOf(ServiceUnavailableException.class);
    }
  }

  @Test
  void authenticateWhenTokenWentInactiveThenNotServedDuringOutage() throws Exception {
    try (Authenticator authenticator = create("5m")) {
      as.answer(LoopbackAs.json(200, active(time, 3600, "")));
      authenticator.authenticate(bearer(TOKEN));
      time.advance(Duration.ofMinutes(1));
      as.answer(LoopbackAs.json(200, "{\"active\":false}"));
      assertThat(authenticator.authenticate(bearer(TOKEN)))
          .isEqualTo(AuthResult.rejected(AuthError.invalidToken("The access token is not active")));
      time.advance(Duration.ofSeconds(10));
      as.answer(DOWN);
      assertThatThrownBy(() -> authenticator.authenticate(bearer(TOKEN)))
          .isInstanceOf(ServiceUnavailableException.class);
    }
  }
}
