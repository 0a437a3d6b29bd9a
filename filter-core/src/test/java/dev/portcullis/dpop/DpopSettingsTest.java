package dev.portcullis.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The {@code dpop.} keys: defaults, refusals naming key and value, and the typed builder. */
class DpopSettingsTest {

  private static DpopSettings read(Map<String, String> params) {
    Config config = Config.of(params, n -> null);
    return DpopSettings.from(config.child(DpopSettings.PREFIX));
  }

  @Test
  void fromWhenNothingSetThenOffWithDefaults() {
    DpopSettings s = read(Map.of());

    assertThat(s.enabled()).isFalse();
    assertThat(s.nonces()).isFalse();
    assertThat(s.algorithmNames()).isEqualTo("RS256 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA");
    assertThat(s.proofLifetime()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void fromWhenSymmetricAlgorithmThenRefusedNamingIt() {
    assertThatThrownBy(() -> read(Map.of("dpop.algorithms", "ES256,HS256")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("dpop.algorithms")
        .hasMessageContaining("[HS256]");
  }

  @Test
  void fromWhenAlgorithmsHaveBlankItemsThenReadAsEveryOtherList() {
    DpopSettings s = read(Map.of("dpop.algorithms", " ES256, ,PS256,"));

    assertThat(s.algorithmNames()).isEqualTo("PS256 ES256");
  }

  @Test
  void fromWhenUnknownAlgorithmThenRefused() {
    assertThatThrownBy(() -> read(Map.of("dpop.algorithms", "none")))
        .hasMessageContaining("[none]");
  }

  @Test
  void fromWhenRequiredWithoutEnabledThenRefused() {
    assertThatThrownBy(() -> read(Map.of("dpop.required", "true")))
        .hasMessageContaining("dpop.required");
  }

  @Test
  void fromWhenNonceSecretShortThenRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> read(Map.of("dpop.nonceSecret", "short-secret-value")))
        .hasMessageContaining("dpop.nonceSecret")
        .hasMessageNotContaining("short-secret-value");
  }

  @Test
  void fromWhenTrustedProxyIsAHostNameThenRefused() {
    assertThatThrownBy(() -> read(Map.of("dpop.trustedProxies", "proxy.example")))
        .hasMessageContaining("[proxy.example]");
  }

  @Test
  void builderWhenReflectedThenMethodsAreExactlyTheKeys() {
    Set<String> methods = new TreeSet<>();
    for (Method m : DpopBuilder.class.getDeclaredMethods()) {
      if (!m.isSynthetic()) {
        methods.add(m.getName());
      }
    }
    assertThat(methods).isEqualTo(new TreeSet<>(DpopSettings.KEYS));
  }

  @Test
  void builderWhenKeysSetThenPrefixedParamsReadBack() {
    DpopBuilder b =
        new DpopBuilder()
            .enabled(true)
            .required(true)
            .algorithms("ES256", "EdDSA")
            .proofLifetime(Duration.ofSeconds(30))
            .clockSkew(Duration.ofSeconds(2))
            .maxProofLength(2048)
            .nonceSecret("0123456789abcdef0123456789abcdef")
            .nonceLifetime(Duration.ofMinutes(1))
            .trustedProxies("10.0.0.0/8");

    DpopSettings s = read(b.params());
    assertThat(s.required()).isTrue();
    assertThat(s.algorithmNames()).isEqualTo("ES256 EdDSA");
    assertThat(s.nonces()).isTrue();
    assertThat(s.trustedProxies().contains("10.1.1.1")).isTrue();
    assertThatThrownBy(() -> b.enabled(false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Setting dpop.enabled was already set");
  }
}
