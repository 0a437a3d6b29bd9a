package dev.portcullis.quota;

import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.jdbc.DriverDataSource;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Shows and sets credit balances in the quota table, the key tool's companion:
 *
 * <pre>
 * java -cp filter-core.jar:postgresql.jar dev.portcullis.quota.QuotaTool --credits SUBJECT
 *     [--set N [--capacity N] [--refill N/INTERVAL]]
 *     --jdbc-url URL --jdbc-user USER --jdbc-password-env NAME [--jdbc-table TABLE]
 * </pre>
 *
 * <p>{@code SUBJECT} is {@code key:<id>}, {@code principal:<name>}, or a bare key id. Without
 * {@code --set} the tool prints the balance; with it, it sets the balance (creating the row), the
 * capacity (default: the balance), and the refill, for example {@code 1000/1d} (default none); the
 * refill interval starts now. The database password is read from the named environment variable.
 * Exit status: 0 done, 1 database failure or no balance, 2 usage error.
 */
public final class QuotaTool {
  private static final List<String> OPTIONS =
      List.of(
          "--credits",
          "--set",
          "--capacity",
          "--refill",
          "--jdbc-url",
          "--jdbc-user",
          "--jdbc-password-env",
          "--jdbc-table");
  private static final String USAGE =
      "Usage: QuotaTool --credits SUBJECT [--set N [--capacity N] [--refill N/INTERVAL]]"
          + " --jdbc-url URL --jdbc-user USER --jdbc-password-env ENV_VAR [--jdbc-table T]";

  private QuotaTool() {}

  /**
   * Runs the tool.
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err, System::getenv, Clock.systemUTC());
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(
      String[] args, PrintStream out, PrintStream err, UnaryOperator<String> env, Clock clock) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!OPTIONS.contains(args[i]) || i + 1 >= args.length || options.containsKey(args[i])) {
        err.println(USAGE);
        return 2;
      }
      options.put(args[i], args[i + 1]);
    }
    String password = env.apply(options.getOrDefault("--jdbc-password-env", ""));
    if (!options.containsKey("--credits")
        || !options.containsKey("--jdbc-url")
        || !options.containsKey("--jdbc-user")
        || password == null
        || !options.containsKey("--set")
            && (options.containsKey("--capacity") || options.containsKey("--refill"))) {
      err.println(USAGE);
      return 2;
    }
    String subject = options.get("--credits");
    subject =
        subject.startsWith("key:") || subject.startsWith("principal:") ? subject : "key:" + subject;
    try {
      JdbcQuotaStore store =
          JdbcQuotaStore.create(
              DriverDataSource.of(options.get("--jdbc-url"), options.get("--jdbc-user"), password),
              settings(options),
              clock);
      if (options.containsKey("--set")) {
        store.set(subject, balance(options));
      }
      Optional<Balance> balance = store.balance(subject);
      if (balance.isEmpty()) {
        err.println("No balance for " + subject + " (not metered)");
        return 1;
      }
      out.println(describe(subject, balance.get(), clock.millis()));
      return 0;
    } catch (IllegalArgumentException | ConfigurationException e) {
      err.println(e.getMessage());
      return 2;
    } catch (ServiceUnavailableException e) {
      err.println("Database failure: " + e.getMessage());
      return 1;
    }
  }

  private static QuotaSettings settings(Map<String, String> options) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put(QuotaSettings.DATA_SOURCE, "tool");
    params.put(QuotaSettings.QUERY_TIMEOUT, "30s");
    if (options.containsKey("--jdbc-table")) {
      params.put(QuotaSettings.TABLE, options.get("--jdbc-table"));
    }
    return QuotaSettings.from(Config.of(params, name -> null)).orElseThrow();
  }

  private static Balance balance(Map<String, String> options) {
    long remaining = amount("--set", options.get("--set"));
    long capacity =
        amount("--capacity", options.getOrDefault("--capacity", Long.toString(remaining)));
    long amount = 0;
    Duration every = Duration.ZERO;
    String refill = options.get("--refill");
    if (refill != null) {
      int slash = refill.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("--refill must be N/INTERVAL, for example 1000/1d");
      }
      amount = amount("--refill", refill.substring(0, slash));
      every =
          Config.of(Map.of("refill", refill.substring(slash + 1)), name -> null)
              .positiveDuration("refill", Duration.ZERO);
    }
    return new Balance(remaining, capacity, amount, every.toMillis(), 0);
  }

  private static long amount(String option, String value) {
    try {
      long amount = Long.parseLong(value);
      if (amount >= 0 && amount <= Balance.MAX_AMOUNT) {
        return amount;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        option + " must be a whole number from 0 to " + Balance.MAX_AMOUNT + ": [" + value + "]");
  }

  static String describe(String subject, Balance balance, long nowMillis) {
    String refill =
        balance.refillAmount() == 0 || balance.refillIntervalMillis() == 0
            ? "none"
            : balance.refillAmount() + "/" + Duration.ofMillis(balance.refillIntervalMillis());
    return subject
        + ": available="
        + balance.available(nowMillis)
        + " capacity="
        + balance.capacity()
        + " refill="
        + refill;
  }
}
