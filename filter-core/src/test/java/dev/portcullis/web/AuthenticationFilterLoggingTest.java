package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.LogCapture;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the filter writes to its own log: settings, never request data (see AuditTest). */
class AuthenticationFilterLoggingTest {
  private static final String TOKEN = "SECRET-TOKEN-4711";

  private final LogCapture log = LogCapture.start();

  @AfterEach
  void detach() {
    log.close();
  }

  @Test
  void initWhenStartedThenOneLineWithEffectiveSettings() throws ServletException {
    Exchange.start("mechanisms", "fakeCert+fakeBearer,fakeKey", "requiredScopes", "orders:read");

    assertThat(log.lines())
        .filteredOn(l -> l.contains(" dev.portcullis.web.AuthenticationFilter: "))
        .containsExactly(
            "INFO dev.portcullis.web.AuthenticationFilter: Portcullis filter test: mechanisms=[[fakeCert, fakeBearer], [fakeKey]],"
                + " realm=api, required=true, requiredScopes=[orders:read], requiredRoles=[],"
                + " excludedPaths=[], methods=all, grid=local");
  }

  @Test
  void initWhenSettingBadThenErrorLineNamesFilterAndKey() {
    assertThatThrownBy(() -> Exchange.start("mechanisms", "fakeBearer", "required", "yes"))
        .isInstanceOf(ServletException.class);

    assertThat(log.lines())
        .filteredOn(l -> l.contains(" dev.portcullis.web.AuthenticationFilter: "))
        .containsExactly(
            "SEVERE dev.portcullis.web.AuthenticationFilter: Filter test: Invalid value [yes] for setting required: expected true or false");
  }

  @Test
  void doFilterWhenCredentialsRefusedThenNothingLogged() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer,fakeKey");
    log.clear();

    Exchange.run(filter, FakeRequest.get("/a").header("Authorization", "Bearer " + TOKEN));
    Exchange.run(filter, FakeRequest.get("/a").header("X-API-Key", TOKEN));
    Exchange.run(
        filter,
        FakeRequest.get("/a")
            .header("Authorization", "Bearer " + TOKEN)
            .header("X-API-Key", TOKEN));

    assertThat(log.messages(AuthenticationFilter.class.getName())).isEmpty();
  }
}
