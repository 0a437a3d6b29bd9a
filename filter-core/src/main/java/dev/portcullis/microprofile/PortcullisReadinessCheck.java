package dev.portcullis.microprofile;

import dev.portcullis.web.Health;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The MicroProfile readiness check {@code portcullis}: down when any back end of any running filter
 * is down. Its data has, per back end, one entry {@code <filter> <mechanism>} with {@code UP} or
 * {@code DOWN} and nothing else (no URLs, error texts, key counts or key-set state, since the check
 * is public); the details go to the log once per change of state ({@link Health#summary}). Found by
 * CDI in servers with MicroProfile Health; elsewhere it is never loaded.
 */
@ApplicationScoped
@org.eclipse.microprofile.health.Readiness
public class PortcullisReadinessCheck implements HealthCheck {

  /** Creates the check; CDI calls this. */
  public PortcullisReadinessCheck() {}

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("portcullis");
    boolean up = true;
    for (Map.Entry<String, Boolean> e : Health.summary().entrySet()) {
      up &= e.getValue();
      response.withData(e.getKey(), e.getValue() ? "UP" : "DOWN");
    }
    return response.status(up).build();
  }
}
