package dev.portcullis.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed builder writes the init-params the filter reads, each key once. */
class QuotaBuilderTest {

  @Test
  void paramsWhenEveryKeySetThenPrefixedAndTyped() {
    QuotaBuilder quota =
        new QuotaBuilder()
            .dataSource("java:app/jdbc/portcullis")
            .table("billing.quotas")
            .per("principal")
            .unlisted("refuse")
            .cost(2)
            .costs("POST /v1/chat/*=10", "/v1/embeddings=1")
            .exhaustedStatus(402)
            .queryTimeout(Duration.ofSeconds(3))
            .maxWaiting(32);

    assertThat(quota.params())
        .containsExactly(
            Map.entry("quota.dataSource", "java:app/jdbc/portcullis"),
            Map.entry("quota.table", "billing.quotas"),
            Map.entry("quota.per", "principal"),
            Map.entry("quota.unlisted", "refuse"),
            Map.entry("quota.cost", "2"),
            Map.entry("quota.costs", "POST /v1/chat/*=10,/v1/embeddings=1"),
            Map.entry("quota.exhaustedStatus", "402"),
            Map.entry("quota.queryTimeout", "PT3S"),
            Map.entry("quota.maxWaiting", "32"));
    assertThat(quota.params().keySet())
        .allSatisfy(k -> assertThat(QuotaSettings.KEYS).contains(k.substring(6)));
  }

  @Test
  void costWhenSetTwiceThenRefused() {
    QuotaBuilder quota = new QuotaBuilder().cost(1);

    assertThatThrownBy(() -> quota.cost(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Setting quota.cost was already set");
  }
}
