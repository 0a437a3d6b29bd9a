package dev.portcullis.web;

import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import dev.portcullis.jdbc.DataSources;
import dev.portcullis.limit.LimitStage;
import dev.portcullis.limit.LimitStageFactory;
import dev.portcullis.quota.JdbcQuotaStore;
import dev.portcullis.quota.QuotaSettings;
import java.util.Optional;
import java.util.Set;

/**
 * Creates the quota stage ({@code quota.} settings, see {@link QuotaSettings}) when {@code
 * quota.dataSource} is set. Runs after rate limits ({@value #ORDER}), so a request refused for its
 * rate spends no credits. Found through {@link java.util.ServiceLoader}.
 */
public final class QuotaStageFactory implements LimitStageFactory {
  /** The stage's position: after the rate limit stage (100). */
  public static final int ORDER = 200;

  private static final System.Logger LOG = System.getLogger(AuthenticationFilter.class.getName());

  /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
  public QuotaStageFactory() {}

  @Override
  public String name() {
    return QuotaSettings.NAME;
  }

  @Override
  public int order() {
    return ORDER;
  }

  @Override
  public Set<String> settings() {
    return QuotaSettings.KEYS;
  }

  @Override
  public Optional<LimitStage> create(Config config, Environment environment) {
    Optional<QuotaSettings> settings = QuotaSettings.from(config);
    if (settings.isEmpty()) {
      return Optional.empty();
    }
    QuotaSettings s = settings.get();
    LOG.log(
        System.Logger.Level.INFO,
        "Quotas: dataSource={0}, table={1}, per={2}, unlisted={3}, cost={4}, costs={5},"
            + " exhaustedStatus={6}, queryTimeout={7}s, maxWaiting={8}",
        s.dataSource(),
        s.table(),
        s.perPrincipal() ? "principal" : "key",
        s.refuseUnlisted() ? "refuse" : "allow",
        s.cost(),
        s.costs(),
        s.exhaustedStatus(),
        s.queryTimeoutSeconds(),
        s.maxWaiting());
    JdbcQuotaStore store =
        JdbcQuotaStore.create(
            DataSources.lookup(config, QuotaSettings.DATA_SOURCE, s.dataSource()),
            s,
            environment.clock());
    return Optional.of(new QuotaStage(s, store));
  }
}
