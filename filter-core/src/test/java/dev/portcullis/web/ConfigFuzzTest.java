package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing of the configuration reader: init-params drawn from the real keys of the
 * core, {@code apiKey} and {@code introspection} settings (and arbitrary keys), with dictionary or
 * arbitrary values. {@code init} either succeeds, and the started filter then answers a request
 * without credentials with a defined status, or fails with a {@link ConfigurationException} (as the
 * cause of the {@link ServletException}); never with anything else.
 *
 * <p>File-valued settings stay fixed: paths are the operator's choice, and reading arbitrary files
 * is not what this test is about.
 */
class ConfigFuzzTest {
  private static final Logger QUIET = Logger.getLogger("dev.portcullis");

  private static final List<String> KEYS =
      List.of(
          "mechanisms",
          "realm",
          "required",
          "requiredScopes",
          "requiredRoles",
          "excludedPaths",
          "methods",
          "retryAfter",
          "apiKey.store",
          "apiKey.reloadInterval",
          "apiKey.header",
          "apiKey.queryParameter",
          "apiKey.cacheTtl",
          "apiKey.negativeCacheTtl",
          "apiKey.cacheMaximumSize",
          "apiKey.dataSource",
          "apiKey.table",
          "apiKey.queryTimeout",
          "apiKey.maxWaiting",
          "introspection.endpoint",
          "introspection.clientId",
          "introspection.clientSecret",
          "introspection.clientAuthentication",
          "introspection.connectTimeout",
          "introspection.readTimeout",
          "introspection.maxConcurrentCalls",
          "introspection.maxResponseSize",
          "introspection.maxTokenLength",
          "introspection.cacheTtl",
          "introspection.negativeCacheTtl",
          "introspection.cacheMaximumSize",
          "introspection.staleIfError",
          "introspection.issuer",
          "introspection.audience",
          "introspection.audienceCheck",
          "introspection.principalClaim",
          "introspection.rolesClaim",
          "introspection.clockSkew");

  private static final List<String> VALUES =
      List.of(
          "",
          " ",
          "apiKey",
          "introspection",
          "apiKey,introspection",
          "apiKey+introspection",
          "apiKey,,introspection",
          "+",
          "true",
          "false",
          "0",
          "1",
          "-1",
          "2147483647",
          "99999999999",
          "0s",
          "500ms",
          "30s",
          "5m",
          "999999999d",
          "PT30S",
          "PT-1S",
          "P99999999999D",
          "PT2562047788015215H",
          "http://127.0.0.1:9/introspect",
          "https://as.example/introspect",
          "http://as.example/introspect",
          "client_secret_post",
          "env:PORTCULLIS_FUZZ_UNSET",
          "${PORTCULLIS_FUZZ_UNSET}",
          "${PORTCULLIS_FUZZ_UNSET:30s}",
          "${PORTCULLIS_FUZZ_UNSET:+x}",
          "/api/*",
          "GET,POST",
          "orders:read",
          "jdbc",
          "file");

  private static Path keys;
  private static Level saved;

  private static synchronized Path keys() throws IOException {
    if (keys == null) {
      saved = QUIET.getLevel();
      QUIET.setLevel(Level.OFF); // thousands of start-up lines would slow fuzzing
      keys = Files.createTempFile("fuzz-keys", ".properties");
      keys.toFile().deleteOnExit();
      Files.writeString(
          keys,
          "ec1903ce1d43aa67=hash=sha256:ys6nlsDSZXrvWdgGQhOdCKX3WN5MLfNIOz3jJL79Rgg;"
              + "principal=alice\n");
    }
    return keys;
  }

  @AfterAll
  static synchronized void restoreLogging() {
    if (keys != null) {
      QUIET.setLevel(saved);
    }
  }

  @FuzzTest(maxDuration = "2m")
  void initWhenSettingsAreArbitraryThenStartsOrConfigurationException(FuzzedDataProvider data)
      throws Exception {
    FakeFilterConfig config = new FakeFilterConfig().param("apiKey.file", keys().toString());
    int entries = data.consumeInt(0, 8);
    for (int i = 0; i < entries; i++) {
      String key = data.consumeBoolean() ? data.pickValue(KEYS) : data.consumeString(40);
      String value = data.consumeBoolean() ? data.pickValue(VALUES) : data.consumeString(80);
      if (key.contains("file") || value.contains("file:") || value.contains("webapp:")) {
        return; // file settings stay fixed (see the class comment)
      }
      config.param(key, value);
    }
    AuthenticationFilter filter = new AuthenticationFilter();
    try {
      filter.initialize(config);
    } catch (ServletException e) {
      assertThat(e).cause().isInstanceOf(ConfigurationException.class);
      assertThat(e).hasMessage(e.getCause().getMessage());
      return;
    }
    try {
      Exchange e = Exchange.run(filter, FakeRequest.get("/api/me"));
      assertThat(e.passed() || List.of(400, 401, 403).contains(e.status())).isTrue();
    } finally {
      filter.destroy();
    }
  }
}
