package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.config.Metrics;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import jakarta.servlet.ServletException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Without MicroProfile (as in these tests), settings overrides come from system properties. */
class PlatformTest {
  private static final String OVERRIDE = "portcullis.test.resourceMetadata";

  @AfterEach
  void clear() {
    System.clearProperty(OVERRIDE);
  }

  @Test
  void lookupWhenNoMicroProfileConfigThenSystemPropertyThenEnvironment() {
    UnaryOperator<String> lookup = Platform.lookup(getClass().getClassLoader());
    System.setProperty(OVERRIDE, "https://rs.example/meta");

    assertThat(lookup.apply(OVERRIDE)).isEqualTo("https://rs.example/meta");
    assertThat(lookup.apply("portcullis.nothing.here")).isNull();
    assertThat(Platform.systemLookup("PATH")).isEqualTo(System.getenv("PATH"));
    assertThat(Platform.systemLookup("path")).isEqualTo(System.getenv("PATH"));
  }

  /** Misspelt overrides are looked for among every system property and environment variable. */
  @Test
  void namesWhenNoMicroProfileConfigThenSystemPropertiesAndEnvironment() {
    System.setProperty(OVERRIDE, "https://rs.example/meta");

    assertThat(Platform.names(getClass().getClassLoader()))
        .contains(OVERRIDE)
        .containsAll(System.getenv().keySet());
  }

  @Test
  void overridesWhenPropertyForFilterThenPrefixedByFilterName() {
    UnaryOperator<String> overrides =
        Platform.overrides("test", name -> name.equals(OVERRIDE) ? "x" : null);

    assertThat(overrides.apply("resourceMetadata")).isEqualTo("x");
    assertThat(overrides.apply("realm")).isNull();
  }

  @Test
  void initWhenSystemPropertyOverridesSettingThenBearerChallengeCarriesIt()
      throws ServletException {
    System.setProperty(OVERRIDE, "https://rs.example/.well-known/oauth-protected-resource");
    AuthenticationFilter filter = new AuthenticationFilter();
    filter.init(new FakeFilterConfig().param("mechanisms", "fakeBearer"));

    Exchange exchange = Exchange.run(filter, FakeRequest.get("/a"));

    assertThat(exchange.challenges())
        .containsExactly(
            "Bearer realm=\"api\","
                + " resource_metadata=\"https://rs.example/.well-known/oauth-protected-resource\"");
  }

  @Test
  void metricsWhenNoCdiThenNone() {
    assertThat(Platform.metrics("test", getClass().getClassLoader())).isSameAs(Metrics.NONE);
  }
}
