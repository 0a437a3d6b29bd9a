package dev.portcullis.apikey.jdbc;

import static dev.portcullis.apikey.jdbc.TestKeys.hash;
import static dev.portcullis.apikey.jdbc.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.FakeTime;
import dev.portcullis.web.AuthenticationFilter;
import jakarta.servlet.ServletException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One configuration carrying the settings of both stores; {@code apiKey.store} picks one. */
class StoreSelectionTest {
  private static final String BOB = "b0b0000000000001";
  private static final String JNDI = "java:app/jdbc/selection";
  private static TestDatabase database;

  private final FakeTime time = new FakeTime();
  private AuthenticationFilter filter;

  @BeforeAll
  static void startDatabase() throws Exception {
    database = TestDatabase.start();
    database.insert(BOB, hash(key(BOB)), "bob", null, false);
    TestNaming.install();
    TestNaming.BOUND.put(JNDI, database.dataSource());
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    TestNaming.uninstall();
    database.close();
  }

  @AfterEach
  void destroyFilter() {
    if (filter != null) {
      filter.destroy();
    }
  }

  @Test
  void initWhenJdbcSelectedThenFileSettingsAreIgnoredUnresolved() throws Exception {
    filter =
        FilterCalls.filter(
            time,
            Map.of(
                "apiKey.store", "jdbc",
                "apiKey.dataSource", JNDI,
                "apiKey.file", "${PORTCULLIS_TEST_UNSET_VARIABLE}",
                "apiKey.reloadInterval", "not a duration"));

    assertThat(FilterCalls.send(filter, key(BOB)).status()).isEqualTo(200);
  }

  @Test
  void initWhenFileSelectedThenJdbcSettingsAreIgnored(@TempDir Path directory) throws Exception {
    Path file = Files.writeString(directory.resolve("keys.properties"), "");

    filter =
        FilterCalls.filter(
            time,
            Map.of(
                "apiKey.store", "file",
                "apiKey.file", file.toString(),
                "apiKey.dataSource", "java:app/jdbc/none",
                "apiKey.queryTimeout", "${PORTCULLIS_TEST_UNSET_VARIABLE}"));

    assertThat(FilterCalls.send(filter, key(BOB)).status()).isEqualTo(401);
  }

  @Test
  void initWhenOtherStoreSettingIsMisspeltThenFails() {
    assertThatThrownBy(
            () ->
                FilterCalls.filter(
                    time,
                    Map.of("apiKey.store", "jdbc", "apiKey.dataSource", JNDI, "apiKey.fille", "x")))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("[apiKey.fille]");
  }
}
