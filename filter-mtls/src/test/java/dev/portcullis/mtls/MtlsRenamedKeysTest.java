package dev.portcullis.mtls;

import static dev.portcullis.mtls.TestPki.ROOT;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.Initializing;
import jakarta.servlet.ServletException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keys renamed for one vocabulary across mechanisms (#17) stop deployment with the new name; {@code
 * trustStore} now always means outbound TLS trust, so the client-certificate anchors have their
 * own.
 */
class MtlsRenamedKeysTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "trustStore, trustAnchors",
    "trustStorePassword, trustAnchorsPassword",
    "cacheNegativeTtl, negativeCacheTtl",
    "cacheSize, cacheMaximumSize"
  })
  void initWhenOldKeyIsSetThenRefusedNamingTheNewKey(String oldKey, String newKey) {
    Path anchors = TestPki.write(dir.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
    FakeFilterConfig config =
        new FakeFilterConfig()
            .param("mechanisms", "mtls")
            .param("mtls.trustAnchors", anchors.toString())
            .param("mtls." + oldKey, "10");
    AuthenticationFilter filter = new AuthenticationFilter();

    assertThatThrownBy(() -> Initializing.initialize(filter, config))
        .isInstanceOf(ServletException.class)
        .hasMessage("Setting [mtls." + oldKey + "] was renamed to [mtls." + newKey + "]");
  }
}
