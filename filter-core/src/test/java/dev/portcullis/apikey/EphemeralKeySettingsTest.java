package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.Authenticator;
import dev.portcullis.EphemeralKeys;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.Initializing;
import jakarta.servlet.ServletException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ephemeral-key settings stop deployment with the key named and the secret never shown. */
class EphemeralKeySettingsTest {
  @TempDir Path dir;
  FakeFilterConfig config;

  @BeforeEach
  void setUp() throws Exception {
    Path keys = dir.resolve("keys.properties");
    Files.writeString(keys, ApiKeyFilterTest.ALICE_LINE + "\n");
    config =
        new FakeFilterConfig().param("mechanisms", "apiKey").param("apiKey.file", keys.toString());
  }

  private AuthenticationFilter start() throws ServletException {
    AuthenticationFilter filter = new AuthenticationFilter();
    Initializing.initialize(filter, config);
    return filter;
  }

  private EphemeralKeys minter() {
    return (EphemeralKeys) config.getServletContext().getAttribute(EphemeralKeys.CONTEXT_ATTRIBUTE);
  }

  @Test
  void initWhenNoSecretThenNoMinterAndPrefixIgnored() throws Exception {
    config.param("apiKey.ephemeralPrefix", "ek_");

    start();

    assertThat(minter()).isNull();
  }

  @Test
  void initWhenSecretShorterThan32BytesThenRefusedWithoutShowingIt() {
    config.param("apiKey.ephemeralSecret", "short-secret-31-bytes-long-1234");

    assertThatThrownBy(this::start)
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("apiKey.ephemeralSecret is shorter than 32 bytes")
        .hasMessageNotContaining("short-secret");
  }

  @Test
  void initWhenSecretIsBase64urlOf32BytesThenMinterWithDefaultCap() throws Exception {
    config.param("apiKey.ephemeralSecret", "base64url:" + "A".repeat(43));

    start();

    assertThat(minter().maxLifetime()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void initWhenSecretIsBadBase64urlThenRefusedWithoutShowingIt() {
    config.param("apiKey.ephemeralSecret", "base64url:" + "A".repeat(42) + "=");

    assertThatThrownBy(this::start)
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("apiKey.ephemeralSecret is not valid base64url after base64url:")
        .hasMessageNotContaining("AAAA");
  }

  @Test
  void initWhenPrefixOverlapsKeyPrefixThenRefused() {
    config.param("apiKey.ephemeralSecret", EphemeralKeyFilterTest.SECRET);
    config.param("apiKey.ephemeralPrefix", "pc_e");

    assertThatThrownBy(this::start)
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("apiKey.ephemeralPrefix")
        .hasMessageContaining("[pc_e]")
        .hasMessageContaining("overlaps the key prefix [pc_]");
  }

  @Test
  void initWhenPrefixMalformedThenRefused() {
    config.param("apiKey.ephemeralSecret", EphemeralKeyFilterTest.SECRET);
    config.param("apiKey.ephemeralPrefix", "e k");

    assertThatThrownBy(this::start)
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("[e k]");
  }

  @Test
  void initWhenMaxLifetimeZeroThenRefused() {
    config.param("apiKey.ephemeralSecret", EphemeralKeyFilterTest.SECRET);
    config.param("apiKey.ephemeralMaxLifetime", "0s");

    assertThatThrownBy(this::start)
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("apiKey.ephemeralMaxLifetime");
  }

  @Test
  void claimsWhenEphemeralPrefixUnderAnySchemeThenOwned() {
    config.param("apiKey.ephemeralSecret", EphemeralKeyFilterTest.SECRET);
    Map<String, String> params = new HashMap<>();
    params.put("apiKey.file", config.getInitParameter("apiKey.file"));
    params.put("apiKey.ephemeralSecret", EphemeralKeyFilterTest.SECRET);
    FakeTime time = new FakeTime();

    try (Authenticator a =
        new ApiKeyAuthenticatorFactory()
            .create(Config.of(params).child("apiKey"), Environment.of("api", time, time, null))) {
      assertThat(a.claims("Bearer", "ek_anything")).isEqualTo(Authenticator.Claim.OWNS);
      assertThat(a.claims("Bearer", "eyJhbGciOi.x.y")).isEqualTo(Authenticator.Claim.NEVER);
    }
  }

  @Test
  void initWhenSecondFilterSetsSecretThenRefused() throws Exception {
    config.param("apiKey.ephemeralSecret", EphemeralKeyFilterTest.SECRET);
    start();

    config.name("second");

    assertThatThrownBy(this::start)
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("apiKey.ephemeralSecret is set on a second filter");
  }
}
