package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.Initializing;
import jakarta.servlet.ServletException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An imported prefix that starts, or is started by, a checksum prefix or another imported prefix
 * stops deployment, naming the setting and both values.
 */
class ImportedPrefixOverlapTest {
  @TempDir Path dir;

  private void start(String prefixes, String imported) throws Exception {
    Path keys = Files.writeString(dir.resolve("keys.properties"), "");
    FakeFilterConfig config =
        new FakeFilterConfig()
            .param("mechanisms", "apiKey")
            .param("apiKey.file", keys.toString())
            .param("apiKey.importedPrefixes", imported);
    if (prefixes != null) {
      config.param("apiKey.prefixes", prefixes);
    }
    Initializing.initialize(new AuthenticationFilter(), config);
  }

  @Test
  void initWhenImportedPrefixStartsChecksumPrefixThenFailsNamingBoth() {
    assertThatThrownBy(() -> start("sk_live_", "sk_"))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining(
            "Invalid value [sk_] for setting apiKey.importedPrefixes: overlaps [sk_live_] of"
                + " apiKey.prefixes; one starts the other");
  }

  @Test
  void initWhenChecksumPrefixStartsImportedPrefixThenFailsNamingBoth() {
    assertThatThrownBy(() -> start("acme_,sk_", "sk_live_"))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining(
            "Invalid value [sk_live_] for setting apiKey.importedPrefixes: overlaps [sk_] of"
                + " apiKey.prefixes; one starts the other");
  }

  @Test
  void initWhenImportedPrefixStartsDefaultPrefixThenFails() {
    assertThatThrownBy(() -> start(null, "pc"))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining(
            "Invalid value [pc] for setting apiKey.importedPrefixes: overlaps [pc_] of"
                + " apiKey.prefixes");
  }

  @Test
  void initWhenImportedPrefixesOverlapEachOtherThenFailsNamingBoth() {
    assertThatThrownBy(() -> start("pc_", "sk-,rk-,sk-proj-"))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining(
            "Invalid value [sk-] for setting apiKey.importedPrefixes: overlaps [sk-proj-] of the"
                + " same list; one starts the other");
    assertThatThrownBy(() -> start("pc_", "sk-,sk-"))
        .hasMessageContaining(
            "Invalid value [sk-] for setting apiKey.importedPrefixes: overlaps [sk-]");
  }

  @Test
  void initWhenPrefixesDisjointThenStarts() throws Exception {
    start("sk_live_,sk_test_", "sk-,rk_live-");
    start(null, "sk-");
    assertThat(dir.resolve("keys.properties")).exists();
  }
}
