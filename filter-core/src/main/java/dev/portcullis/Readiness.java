package dev.portcullis;

import java.util.Map;
import java.util.Objects;

/**
 * The readiness of one back end of a mechanism: an issuer's key set, an introspection endpoint, a
 * key store. Reported through MicroProfile Health where the server has it.
 *
 * @param component what was checked, for example {@code jwt https://idp.example/}
 * @param up whether requests needing this back end can be decided now
 * @param data details such as the key set's age or the last error; never a credential
 */
public record Readiness(String component, boolean up, Map<String, String> data) {

  /**
   * Copies the data.
   *
   * @param component what was checked
   * @param up whether requests needing this back end can be decided now
   * @param data details, never a credential
   */
  public Readiness {
    Objects.requireNonNull(component, "component");
    data = Map.copyOf(data);
  }
}
