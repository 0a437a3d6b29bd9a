package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad {@code rateLimit.*} settings stop deployment, naming the key and the value. */
class RateLimitSettingsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "rateLimit.default|100|Invalid value [100] for setting rateLimit.default: expected"
            + " <requests>/<window>, for example 100/1m",
        "rateLimit.default|0/1m|Invalid value [0/1m] for setting rateLimit.default: the request"
            + " count must be 1 to 1000000000",
        "rateLimit.default|5/500ms|Invalid value [5/500ms] for setting rateLimit.default: the"
            + " window must be whole seconds, 1s to 1d",
        "rateLimit.default|5/2d|Invalid value [5/2d] for setting rateLimit.default: the window"
            + " must be whole seconds, 1s to 1d",
        "rateLimit.default|5/1x|Invalid value [1x] for setting rateLimit.default: expected a"
            + " duration such as 30s, 5m, 1h or PT30S",
        "rateLimit.default|5/1m,9/60s|Invalid value [5/1m,9/60s] for setting rateLimit.default:"
            + " two bands have the window PT1M",
        "rateLimit.default|-1/1m|Invalid value [-1/1m] for setting rateLimit.default: expected"
            + " <requests>/<window>, for example 100/1m",
        "rateLimit.key|tenant|Invalid value [tenant] for setting rateLimit.key: expected"
            + " credential, principal or claim:<name>",
        "rateLimit.tiers|gold|Invalid value [gold] for setting rateLimit.tiers: expected"
            + " <scope>=<bands>, for example gold=1000/1m",
        "rateLimit.tiers|gold=1/1s;gold=2/1s|Invalid value [gold=2/1s] for setting"
            + " rateLimit.tiers: the scope is listed twice",
        "rateLimit.overrides|yes|Invalid value [yes] for setting rateLimit.overrides: expected"
            + " true or false",
        "rateLimit.defualt|1/1m|Unknown setting [rateLimit.defualt]; check the spelling or the"
            + " mechanisms list"
      })
  void initWhenSettingBadThenDeploymentStopsNamingKeyAndValue(
      String key, String value, String message) {
    String other = key.equals("rateLimit.default") ? "rateLimit.key" : "rateLimit.default";
    String otherValue = key.equals("rateLimit.default") ? "credential" : "1/1m";
    String[] params =
        key.equals("rateLimit.defualt")
            ? new String[] {"mechanisms", "fakeClient", key, value}
            : new String[] {"mechanisms", "fakeClient", key, value, other, otherValue};
    assertThatThrownBy(() -> Exchange.start(params)).hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource({"rateLimit.tiers,gold=1/1s", "rateLimit.key,principal"})
  void initWhenDefaultMissingThenDeploymentStops(String key, String value) {
    assertThatThrownBy(() -> Exchange.start("mechanisms", "fakeClient", key, value))
        .hasMessage(
            "Invalid value [] for setting rateLimit.default: required when rateLimit.tiers or"
                + " rateLimit.key is set");
  }
}
