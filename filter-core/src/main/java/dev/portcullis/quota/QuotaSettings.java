package dev.portcullis.quota;

import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The validated {@code quota.} settings of a filter. Quotas are on when {@value #DATA_SOURCE} is
 * set; every other key then has a default. Keys (prefix {@code quota.}):
 *
 * <ul>
 *   <li>{@value #DATA_SOURCE}: the JNDI name of the {@code DataSource} holding the balance table.
 *       Balances live in a database only, whatever the key store: a key file cannot debit
 *       atomically across nodes nor keep a balance over a restart.
 *   <li>{@value #TABLE}: the table, default {@value #DEFAULT_TABLE}.
 *   <li>{@value #PER}: {@code key} (default: an API key's own balance, {@code key:<id>}; other
 *       credentials by principal) or {@code principal} ({@code principal:<name>}: every key and
 *       token of a principal shares one balance).
 *   <li>{@value #UNLISTED}: {@code allow} (default: a subject without a balance row is not metered)
 *       or {@code refuse} (it is refused as out of credits).
 *   <li>{@value #COST}: the credits a request costs, default {@value #DEFAULT_COST}.
 *   <li>{@value #COSTS}: per-endpoint costs, {@code [METHOD ]/path=N} or {@code [METHOD
 *       ]/prefix/*=N}, comma-separated; the first entry that matches the canonical path wins.
 *   <li>{@value #EXHAUSTED_STATUS}: {@code 429} (default) or {@code 402} when credits run out.
 *   <li>{@value #QUERY_TIMEOUT}: the timeout of the debit statement, whole seconds from 1s to 60s,
 *       default 2s.
 *   <li>{@value #MAX_WAITING}: the most debits waiting for the database at once, default 16; one
 *       more is a 503 at once.
 * </ul>
 *
 * @param dataSource the JNDI name of the data source
 * @param table the balance table
 * @param perPrincipal whether balances are per principal rather than per key
 * @param refuseUnlisted whether a subject without a balance is refused
 * @param cost the default cost of a request
 * @param costs per-endpoint costs, first match wins
 * @param exhaustedStatus 429 or 402
 * @param queryTimeoutSeconds the statement timeout
 * @param maxWaiting the bound on waiting debits
 */
public record QuotaSettings(
    String dataSource,
    String table,
    boolean perPrincipal,
    boolean refuseUnlisted,
    long cost,
    List<EndpointCost> costs,
    int exhaustedStatus,
    int queryTimeoutSeconds,
    int maxWaiting) {

  /** The stage's name: the prefix of every quota key. */
  public static final String NAME = "quota";

  /** Key of the JNDI name of the data source; setting it turns quotas on. */
  public static final String DATA_SOURCE = "dataSource";

  /** Key of the balance table. */
  public static final String TABLE = "table";

  /** Key of what a balance belongs to: {@code key} or {@code principal}. */
  public static final String PER = "per";

  /** Key of what happens to a subject without a balance: {@code allow} or {@code refuse}. */
  public static final String UNLISTED = "unlisted";

  /** Key of the default cost of a request. */
  public static final String COST = "cost";

  /** Key of the per-endpoint costs. */
  public static final String COSTS = "costs";

  /** Key of the status when credits run out. */
  public static final String EXHAUSTED_STATUS = "exhaustedStatus";

  /** Key of the debit statement's timeout. */
  public static final String QUERY_TIMEOUT = "queryTimeout";

  /** Key of the bound on debits waiting for the database. */
  public static final String MAX_WAITING = "maxWaiting";

  /** Default balance table. */
  public static final String DEFAULT_TABLE = "portcullis_quotas";

  /** Default debit statement timeout. */
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(2);

  /** Default bound on debits waiting for the database. */
  public static final int DEFAULT_MAX_WAITING = 16;

  /** Default of {@value #PER}: each credential has its own balance. */
  public static final String DEFAULT_PER = "key";

  /** Default of {@value #UNLISTED}: a subject without a balance is not metered. */
  public static final String DEFAULT_UNLISTED = "allow";

  /** Default of {@value #COST}: the credits a request costs when no endpoint cost matches. */
  public static final int DEFAULT_COST = 1;

  /** Default of {@value #EXHAUSTED_STATUS}. */
  public static final int DEFAULT_EXHAUSTED_STATUS = 429;

  /** Every key, relative to {@link #NAME}. */
  public static final Set<String> KEYS =
      Set.of(
          DATA_SOURCE,
          TABLE,
          PER,
          UNLISTED,
          COST,
          COSTS,
          EXHAUSTED_STATUS,
          QUERY_TIMEOUT,
          MAX_WAITING);

  private static final Pattern ENTRY =
      Pattern.compile("(?:([A-Za-z]+) +)?(/[^=* ]*(?:/\\*)?|/\\*) *= *(\\d{1,15})");

  /**
   * One per-endpoint cost.
   *
   * @param method the upper-case HTTP method, or null for any
   * @param path {@code /exact} or {@code /prefix/*}, matched against the canonical path
   * @param cost the credits
   */
  public record EndpointCost(String method, String path, long cost) {}

  /**
   * Reads the settings.
   *
   * @param quota the settings under {@code quota.}
   * @return the settings, empty when quotas are off (no {@value #DATA_SOURCE})
   * @throws ConfigurationException for a bad value, or quota settings without a data source
   */
  public static Optional<QuotaSettings> from(Config quota) {
    Optional<String> dataSource = quota.string(DATA_SOURCE);
    if (dataSource.isEmpty()) {
      for (String key : KEYS) {
        if (quota.string(key).isPresent()) {
          throw new ConfigurationException(
              "Setting "
                  + quota.key(key)
                  + " needs "
                  + quota.key(DATA_SOURCE)
                  + ": credits are kept in a database table only (a key file cannot debit"
                  + " atomically across nodes nor keep balances over a restart)");
        }
      }
      return Optional.empty();
    }
    String table = quota.string(TABLE).orElse(DEFAULT_TABLE);
    if (!QuotaTable.NAME.matcher(table).matches()) {
      throw quota.invalid(
          TABLE, table, "expected a plain SQL identifier such as portcullis_quotas");
    }
    Duration timeout = quota.duration(QUERY_TIMEOUT, DEFAULT_QUERY_TIMEOUT);
    if (timeout.toSeconds() < 1
        || timeout.toSeconds() > 60
        || timeout.toNanos() % 1_000_000_000L != 0) {
      throw quota.invalid(
          QUERY_TIMEOUT,
          quota.string(QUERY_TIMEOUT).orElseThrow(),
          "expected whole seconds from 1s to 60s");
    }
    return Optional.of(
        new QuotaSettings(
            dataSource.get(),
            table,
            choice(quota, PER, DEFAULT_PER, "principal"),
            choice(quota, UNLISTED, DEFAULT_UNLISTED, "refuse"),
            quota.integer(COST, DEFAULT_COST, 0, Integer.MAX_VALUE),
            costs(quota),
            choice(quota, EXHAUSTED_STATUS, String.valueOf(DEFAULT_EXHAUSTED_STATUS), "402")
                ? 402
                : DEFAULT_EXHAUSTED_STATUS,
            (int) timeout.toSeconds(),
            quota.integer(MAX_WAITING, DEFAULT_MAX_WAITING, 1, 10_000)));
  }

  /** Whether the key holds the second choice; the first is the default. */
  private static boolean choice(Config quota, String key, String first, String second) {
    String value = quota.string(key).orElse(first);
    if (!value.equals(first) && !value.equals(second)) {
      throw quota.invalid(key, value, "expected " + first + " or " + second);
    }
    return value.equals(second);
  }

  private static List<EndpointCost> costs(Config quota) {
    List<EndpointCost> costs = new ArrayList<>();
    for (String entry : quota.list(COSTS)) {
      Matcher m = ENTRY.matcher(entry.trim());
      if (!m.matches()) {
        throw quota.invalid(COSTS, entry, "expected [METHOD ]/path=N or [METHOD ]/prefix/*=N");
      }
      String method = m.group(1) == null ? null : m.group(1).toUpperCase(Locale.ROOT);
      costs.add(new EndpointCost(method, m.group(2), Long.parseLong(m.group(3))));
    }
    return List.copyOf(costs);
  }
}
