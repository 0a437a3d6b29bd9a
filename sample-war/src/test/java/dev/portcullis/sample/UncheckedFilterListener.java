package dev.portcullis.sample;

import dev.portcullis.web.AuthenticationFilter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Adds a Portcullis filter by class from a listener, without the builder, for {@link
 * BadConfigurationIT}: listeners run after the container initializers, so no deployment check sees
 * this filter and its {@code init} is the only guard. The context-params {@code mechanisms}, {@code
 * key} and {@code value} give its settings.
 */
@WebListener
public class UncheckedFilterListener implements ServletContextListener {
  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    FilterRegistration.Dynamic filter = context.addFilter("unchecked", AuthenticationFilter.class);
    filter.setInitParameter("mechanisms", context.getInitParameter("mechanisms"));
    filter.setInitParameter("apiKey.file", "webapp:/WEB-INF/demo-api-keys.properties");
    filter.setInitParameter(context.getInitParameter("key"), context.getInitParameter("value"));
    filter.addMappingForUrlPatterns(null, false, "/*");
  }
}
