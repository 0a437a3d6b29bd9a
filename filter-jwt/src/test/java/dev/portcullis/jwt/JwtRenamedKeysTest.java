package dev.portcullis.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.portcullis.config.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keys renamed for one vocabulary across mechanisms (#17) stop deployment with the new name. */
class JwtRenamedKeysTest {

  @ParameterizedTest
  @CsvSource({"cacheMaxSize, 100, cacheMaximumSize", "maxResponseBytes, 4096, maxResponseSize"})
  void createWhenOldKeyIsSetThenRefusedNamingTheNewKey(String oldKey, String value, String newKey)
      throws Exception {
    Fixture f = new Fixture();
    try {
      Map<String, String> settings = new LinkedHashMap<>(f.config);
      settings.put(oldKey, value);

      Throwable t = catchThrowable(() -> f.authenticator(settings).close());

      assertThat(t)
          .isInstanceOf(ConfigurationException.class)
          .hasMessage("Setting [jwt." + oldKey + "] was renamed to [jwt." + newKey + "]");
    } finally {
      f.close();
    }
  }
}
