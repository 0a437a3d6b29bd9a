package dev.portcullis.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigRenamedTest {

  @Test
  void renamedWhenOldKeyIsSetThenConfigurationExceptionNamingBoth() {
    Config jwt = Config.of(Map.of("jwt.cacheMaxSize", "5"), k -> null).child("jwt");

    assertThatThrownBy(() -> jwt.renamed("cacheMaxSize", "cacheMaximumSize"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Setting [jwt.cacheMaxSize] was renamed to [jwt.cacheMaximumSize]");
  }

  @Test
  void renamedWhenOnlyNewKeyIsSetThenNothingAndOldKeyIsKnown() {
    Config root = Config.of(Map.of("jwt.cacheMaximumSize", "5"), k -> null);
    Config jwt = root.child("jwt");

    jwt.renamed("cacheMaxSize", "cacheMaximumSize");
    jwt.integer("cacheMaximumSize", 1, 1, 10);

    assertThatCode(root::checkAllKnown).doesNotThrowAnyException();
  }
}
