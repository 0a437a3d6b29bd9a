package dev.portcullis.sample;

import dev.portcullis.web.AuthenticationFilter;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Registers a filter made in code with {@code AuthenticationFilter.builder().register}, for {@link
 * BadConfigurationIT}. The context-param {@code scopesKey} names the key the scopes are set under,
 * so one WAR can carry a correct setting and another a misspelt one.
 */
@WebListener
public class CodedFilterListener implements ServletContextListener {
  @Override
  public void contextInitialized(ServletContextEvent event) {
    AuthenticationFilter.builder()
        .mechanisms("apiKey")
        .set("apiKey.file", "webapp:/WEB-INF/demo-api-keys.properties")
        .set(event.getServletContext().getInitParameter("scopesKey"), "orders:read")
        .register(event.getServletContext(), "coded")
        .addMappingForUrlPatterns(null, false, "/*");
  }
}
