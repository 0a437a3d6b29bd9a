package dev.portcullis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.FakeRequest;
import jakarta.servlet.ServletException;
import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the filter writes to its own log: settings, never request data (see AuditTest). */
class AuthenticationFilterLoggingTest {
  private static final String TOKEN = "SECRET-TOKEN-4711";

  private final Logger logger = Logger.getLogger(AuthenticationFilter.class.getName());
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          String message =
              record.getParameters() == null
                  ? record.getMessage()
                  : MessageFormat.format(record.getMessage(), record.getParameters());
          lines.add(record.getLevel() + " " + message);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void attach() {
    logger.addHandler(capture);
    logger.setLevel(Level.ALL);
  }

  @AfterEach
  void detach() {
    logger.removeHandler(capture);
    logger.setLevel(null);
  }

  @Test
  void initWhenStartedThenOneLineWithEffectiveSettings() throws ServletException {
    Exchange.start("mechanisms", "fakeCert+fakeBearer,fakeKey", "requiredScopes", "orders:read");

    assertThat(lines)
        .containsExactly(
            "INFO Portcullis filter test: mechanisms=[[fakeCert, fakeBearer], [fakeKey]],"
                + " realm=api, required=true, requiredScopes=[orders:read], requiredRoles=[],"
                + " excludedPaths=[], methods=all");
  }

  @Test
  void initWhenSettingBadThenErrorLineNamesFilterAndKey() {
    assertThatThrownBy(() -> Exchange.start("mechanisms", "fakeBearer", "required", "yes"))
        .isInstanceOf(ServletException.class);

    assertThat(lines)
        .containsExactly(
            "SEVERE Filter test: Invalid value [yes] for setting required: expected true or false");
  }

  @Test
  void doFilterWhenCredentialsRefusedThenNothingLogged() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer,fakeKey");
    lines.clear();

    Exchange.run(filter, FakeRequest.get("/a").header("Authorization", "Bearer " + TOKEN));
    Exchange.run(filter, FakeRequest.get("/a").header("X-API-Key", TOKEN));
    Exchange.run(
        filter,
        FakeRequest.get("/a")
            .header("Authorization", "Bearer " + TOKEN)
            .header("X-API-Key", TOKEN));

    assertThat(lines).isEmpty();
  }
}
