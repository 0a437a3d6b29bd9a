package dev.portcullis.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * The sample API under {@code /api}. Authentication happens in the Portcullis filters declared in
 * {@code WEB-INF/web.xml}; authorization there, on {@link AdminFilter}, and on {@link
 * InvoiceResource} through {@code @RequiresScopes} / {@code @RequiresRoles}, which {@code
 * dev.portcullis.jaxrs.PortcullisFeature} (found by class-path scanning, as this class lists no
 * classes) enforces.
 */
@ApplicationPath("/api")
public class SampleApplication extends Application {

  /** Turns off Jersey's generated WADL, which CORS preflight requests would otherwise receive. */
  @Override
  public Map<String, Object> getProperties() {
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
