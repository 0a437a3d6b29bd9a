package dev.portcullis.sample.demo;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.jose4j.lang.JoseException;

/**
 * DEMO ONLY: mounts the {@link DemoIssuer} at {@code /demo-issuer/*} when the system property or
 * environment variable {@code PORTCULLIS_DEMO_ISSUER} is {@code true} (the README's run command
 * sets it). Its issuer URL is {@code PORTCULLIS_DEMO_ISSUER_URL}, default {@code
 * http://localhost:8080/demo-issuer}.
 */
@WebListener
public final class DemoIssuerListener implements ServletContextListener {
  private static final System.Logger LOG = System.getLogger(DemoIssuerListener.class.getName());

  @Override
  public void contextInitialized(ServletContextEvent event) {
    if (!"true".equals(setting("PORTCULLIS_DEMO_ISSUER"))) {
      return;
    }
    String url = setting("PORTCULLIS_DEMO_ISSUER_URL");
    String issuerUrl = url == null ? "http://localhost:8080/demo-issuer" : url;
    try {
      var servlet = new DemoIssuerServlet(new DemoIssuer(issuerUrl));
      event.getServletContext().addServlet("demo-issuer", servlet).addMapping("/demo-issuer/*");
    } catch (JoseException e) {
      throw new IllegalStateException("Demo issuer could not create its key", e);
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "DEMO issuer enabled at {0}: it mints tokens for anyone. Never use it in production.",
        issuerUrl);
  }

  private static String setting(String name) {
    String value = System.getProperty(name);
    return value != null ? value : System.getenv(name);
  }
}
