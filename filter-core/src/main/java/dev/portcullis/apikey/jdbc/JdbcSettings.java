package dev.portcullis.apikey.jdbc;

import dev.portcullis.config.Config;
import java.time.Duration;

/**
 * The validated settings of a {@link JdbcApiKeyStore}; see {@link JdbcApiKeyStoreFactory} for the
 * keys and defaults.
 */
record JdbcSettings(
    String table,
    int queryTimeoutSeconds,
    int maxWaiting,
    Duration lastUsedFlushInterval,
    int lastUsedMaximumPending) {

  static JdbcSettings from(Config config) {
    String table =
        config.string(JdbcApiKeyStoreFactory.TABLE).orElse(JdbcApiKeyStoreFactory.DEFAULT_TABLE);
    if (!KeyTable.NAME.matcher(table).matches()) {
      throw config.invalid(
          JdbcApiKeyStoreFactory.TABLE,
          table,
          "expected a plain SQL identifier such as portcullis_api_keys or keys.api_keys");
    }
    Duration timeout =
        config.duration(
            JdbcApiKeyStoreFactory.QUERY_TIMEOUT, JdbcApiKeyStoreFactory.DEFAULT_QUERY_TIMEOUT);
    if (timeout.toSeconds() < 1
        || timeout.toSeconds() > 300
        || timeout.toNanos() % 1_000_000_000L != 0) {
      throw config.invalid(
          JdbcApiKeyStoreFactory.QUERY_TIMEOUT,
          config.string(JdbcApiKeyStoreFactory.QUERY_TIMEOUT).orElseThrow(),
          "expected whole seconds from 1s to 300s");
    }
    Duration flush =
        config.duration(
            JdbcApiKeyStoreFactory.LAST_USED_FLUSH_INTERVAL,
            JdbcApiKeyStoreFactory.DEFAULT_LAST_USED_FLUSH_INTERVAL);
    if (!flush.isZero() && flush.toMillis() < 100) {
      throw config.invalid(
          JdbcApiKeyStoreFactory.LAST_USED_FLUSH_INTERVAL,
          config.string(JdbcApiKeyStoreFactory.LAST_USED_FLUSH_INTERVAL).orElseThrow(),
          "expected 0s (off) or at least 100ms");
    }
    int maximumPending =
        config.integer(
            JdbcApiKeyStoreFactory.LAST_USED_MAXIMUM_PENDING,
            JdbcApiKeyStoreFactory.DEFAULT_LAST_USED_MAXIMUM_PENDING,
            1,
            1_000_000);
    int maxWaiting =
        config.integer(
            JdbcApiKeyStoreFactory.MAX_WAITING,
            JdbcApiKeyStoreFactory.DEFAULT_MAX_WAITING,
            1,
            JdbcApiKeyStoreFactory.MAX_MAX_WAITING);
    return new JdbcSettings(table, (int) timeout.toSeconds(), maxWaiting, flush, maximumPending);
  }
}
