package dev.portcullis.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeTime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The balance tool against H2 through a JDBC URL, as an operator runs it. */
class QuotaToolTest {
  private final FakeTime time = new FakeTime();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private QuotaDatabase database;
  private String url;

  @BeforeEach
  void open() throws Exception {
    database = new QuotaDatabase();
    url = database.url();
  }

  @AfterEach
  void close() throws Exception {
    database.close();
  }

  private int run(String... options) {
    String[] jdbc = {"--jdbc-url", url, "--jdbc-user", "sa", "--jdbc-password-env", "PW"};
    String[] args = new String[options.length + jdbc.length];
    System.arraycopy(options, 0, args, 0, options.length);
    System.arraycopy(jdbc, 0, args, options.length, jdbc.length);
    return QuotaTool.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of("PW", "")::get,
        time);
  }

  @Test
  void runWhenSetThenStoresAndShowsTheBalance() {
    int status = run("--credits", "0123abcd0123abcd", "--set", "1000", "--refill", "500/1d");

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("key:0123abcd0123abcd: available=1000 capacity=1000 refill=500/PT24H\n");
  }

  @Test
  void runWhenShownLaterThenRefillsFoldedIn() throws Exception {
    run("--credits", "principal:pat", "--set", "0", "--capacity", "50", "--refill", "20/1h");
    JdbcQuotaStore.create(database.dataSource(), QuotaDatabase.settings(Map.of()), time)
        .debit("principal:pat", 0);
    out.reset();
    time.advance(Duration.ofHours(2));

    assertThat(run("--credits", "principal:pat")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("principal:pat: available=40 capacity=50 refill=20/PT1H\n");
  }

  @Test
  void runWhenNoBalanceThenStatus1() {
    assertThat(run("--credits", "principal:nobody")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("No balance for principal:nobody (not metered)\n");
  }

  @Test
  void runWhenBadValuesThenUsageStatus2NamingTheValue() {
    assertThat(run("--credits", "k", "--set", "-5")).isEqualTo(2);
    assertThat(run("--credits", "k", "--set", "5", "--refill", "5")).isEqualTo(2);
    assertThat(run("--credits", "k", "--refill", "5/1d")).isEqualTo(2);
    assertThat(run("--credits", "k", "--bogus", "1")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("--set must be a whole number from 0 to 1000000000000000: [-5]\n")
        .contains("--refill must be N/INTERVAL, for example 1000/1d\n")
        .contains("Usage: QuotaTool --credits SUBJECT");
  }

  @Test
  void runWhenDatabaseUnreachableThenStatus1() {
    url = "jdbc:h2:mem:absent;IFEXISTS=TRUE";

    assertThat(run("--credits", "principal:pat")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Database failure: Quota store");
  }
}
