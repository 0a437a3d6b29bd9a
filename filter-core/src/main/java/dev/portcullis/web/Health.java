package dev.portcullis.web;

import dev.portcullis.Authenticator;
import dev.portcullis.Readiness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The readiness of every running Portcullis filter of this web application (filters register when
 * they start and leave when they stop). The MicroProfile Health check reads it; other health
 * systems can call {@link #check()} too.
 */
public final class Health {
  private static final System.Logger LOG = System.getLogger(Health.class.getName());
  private static final Map<Object, Registration> FILTERS = new ConcurrentHashMap<>();

  private Health() {}

  private record Registration(String filter, Map<String, Authenticator> authenticators) {}

  static void register(Object owner, String filter, Map<String, Authenticator> authenticators) {
    FILTERS.put(owner, new Registration(filter, Map.copyOf(authenticators)));
  }

  static void unregister(Object owner) {
    FILTERS.remove(owner);
  }

  /**
   * Checks every back end of every running filter. A check that throws counts as down.
   *
   * @return one entry per back end, components prefixed with the filter's name
   */
  public static List<Readiness> check() {
    List<Readiness> all = new ArrayList<>();
    for (Registration r : FILTERS.values()) {
      r.authenticators()
          .forEach(
              (name, authenticator) -> {
                try {
                  for (Readiness each : authenticator.readiness()) {
                    all.add(
                        new Readiness(r.filter() + " " + each.component(), each.up(), each.data()));
                  }
                } catch (RuntimeException e) {
                  LOG.log(System.Logger.Level.WARNING, "Readiness check of " + name + " failed", e);
                  all.add(
                      new Readiness(
                          r.filter() + " " + name,
                          false,
                          Map.of("error", e.getClass().getSimpleName())));
                }
              });
    }
    all.sort((a, b) -> a.component().compareTo(b.component()));
    return all;
  }
}
