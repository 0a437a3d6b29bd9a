package dev.portcullis.microprofile;

import dev.portcullis.Readiness;
import dev.portcullis.web.Health;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The MicroProfile readiness check {@code portcullis}: down when any back end of any running filter
 * is down. Its data has, per back end, an entry {@code <filter> <component>} with {@code UP} or
 * {@code DOWN} and entries {@code <filter> <component> <detail>} such as the key set's age. Found
 * by CDI in servers with MicroProfile Health; elsewhere it is never loaded.
 */
@ApplicationScoped
@org.eclipse.microprofile.health.Readiness
public class PortcullisReadinessCheck implements HealthCheck {

  /** Creates the check; CDI calls this. */
  public PortcullisReadinessCheck() {}

  @Override
  public HealthCheckResponse call() {
    List<Readiness> all = Health.check();
    HealthCheckResponseBuilder response = HealthCheckResponse.named("portcullis");
    boolean up = true;
    for (Readiness r : all) {
      up &= r.up();
      response.withData(r.component(), r.up() ? "UP" : "DOWN");
      r.data().forEach((k, v) -> response.withData(r.component() + " " + k, v));
    }
    return response.status(up).build();
  }
}
