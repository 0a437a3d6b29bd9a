package dev.portcullis.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * The sample API under {@code /api}. Authentication and authorization happen in the Portcullis
 * filters declared in {@code WEB-INF/web.xml} and on {@link AdminFilter}; the resources only read
 * the identity.
 */
@ApplicationPath("/api")
public class SampleApplication extends Application {

  /** Turns off Jersey's generated WADL, which CORS preflight requests would otherwise receive. */
  @Override
  public Map<String, Object> getProperties() {
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
