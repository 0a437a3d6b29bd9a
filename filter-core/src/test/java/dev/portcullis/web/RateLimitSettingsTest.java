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
        "rateLimit.limit|100|Invalid value [100] for setting rateLimit.limit: expected"
            + " <requests>/<window>, for example 100/1m",
        "rateLimit.limit|0/1m|Invalid value [0/1m] for setting rateLimit.limit: the request"
            + " count must be 1 to 1000000000",
        "rateLimit.limit|5/500ms|Invalid value [5/500ms] for setting rateLimit.limit: the"
            + " window must be whole seconds, 1s to 1d",
        "rateLimit.limit|5/2d|Invalid value [5/2d] for setting rateLimit.limit: the window"
            + " must be whole seconds, 1s to 1d",
        "rateLimit.limit|5/1x|Invalid value [5/1x] for setting rateLimit.limit: the window must"
            + " be a duration such as 1s, 1m, 1h or 1d",
        "rateLimit.limit|5/1m,9/60s|Invalid value [5/1m,9/60s] for setting rateLimit.limit:"
            + " two bands have the window PT1M",
        "rateLimit.limit|-1/1m|Invalid value [-1/1m] for setting rateLimit.limit: expected"
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
    String other = key.equals("rateLimit.limit") ? "rateLimit.key" : "rateLimit.limit";
    String otherValue = key.equals("rateLimit.limit") ? "credential" : "1/1m";
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
            "Invalid value [] for setting rateLimit.limit: required when rateLimit.tiers or"
                + " rateLimit.key is set");
  }
}
