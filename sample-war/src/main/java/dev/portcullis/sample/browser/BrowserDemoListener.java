package dev.portcullis.sample.browser;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.nio.file.Path;

/**
 * DEMO ONLY: mounts {@link BrowserBackendServlet} at {@code /browser/key} when the system property
 * or environment variable {@value #KEY_FILE} names a file holding the backend's long-lived key.
 */
@WebListener
public final class BrowserDemoListener implements ServletContextListener {
  /** The setting naming the file with the demo backend's long-lived key. */
  public static final String KEY_FILE = "PORTCULLIS_DEMO_BACKEND_KEY_FILE";

  private static final System.Logger LOG = System.getLogger(BrowserDemoListener.class.getName());

  @Override
  public void contextInitialized(ServletContextEvent event) {
    String value = System.getProperty(KEY_FILE, System.getenv(KEY_FILE));
    if (value == null || value.isBlank()) {
      return;
    }
    event
        .getServletContext()
        .addServlet("browser-backend", new BrowserBackendServlet(Path.of(value)))
        .addMapping("/browser/key");
    LOG.log(
        System.Logger.Level.WARNING,
        "DEMO browser backend enabled at /browser/key: it mints keys for anyone. Never in"
            + " production.");
  }
}
