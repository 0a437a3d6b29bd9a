package dev.portcullis.microprofile;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Gets the application's metric registry by injection: some servers (Payara) produce it only for an
 * injection point, not for a programmatic {@code CDI.current().select(MetricRegistry.class)}.
 */
@Dependent
public class MetricRegistryHolder {
  @Inject private MetricRegistry registry;

  /** Creates the holder; CDI calls this. */
  public MetricRegistryHolder() {}

  /**
   * The application registry.
   *
   * @return the registry CDI injected
   */
  public MetricRegistry registry() {
    return registry;
  }
}
