package dev.portcullis.admin;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.config.ConfigurationException;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The servlet's init-params use the configuration vocabulary of the mechanisms. */
class LeakedKeyServletTest {

  @Test
  void initWhenTimeoutSetThenRenamedToConnectTimeoutAndReadTimeout() {
    assertThatThrownBy(() -> new LeakedKeyServlet().init(config(Map.of("timeout", "5s"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Setting [timeout] was renamed to [connectTimeout, readTimeout]");
  }

  @Test
  void initWhenConnectAndReadTimeoutSetThenAccepted() {
    assertThatCode(
            () ->
                new LeakedKeyServlet()
                    .init(config(Map.of("connectTimeout", "2s", "readTimeout", "3s"))))
        .doesNotThrowAnyException();
  }

  @Test
  void initWhenReadTimeoutZeroThenRefusedNamingKeyAndValue() {
    assertThatThrownBy(() -> new LeakedKeyServlet().init(config(Map.of("readTimeout", "0s"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("readTimeout")
        .hasMessageContaining("[PT0S]");
  }

  private static ServletConfig config(Map<String, String> params) {
    return new ServletConfig() {
      @Override
      public String getServletName() {
        return "leaked-keys";
      }

      @Override
      public ServletContext getServletContext() {
        return null;
      }

      @Override
      public String getInitParameter(String name) {
        return params.get(name);
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(params.keySet());
      }
    };
  }
}
