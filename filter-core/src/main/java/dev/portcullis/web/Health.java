package dev.portcullis.web;

import dev.portcullis.Authenticator;
import dev.portcullis.Readiness;
import dev.portcullis.grid.Grid;
import dev.portcullis.grid.GridStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The readiness of every running Portcullis filter of this web application (filters register when
 * they start and leave when they stop), with its grid when that is clustered ({@code <filter>
 * grid}: down while the cluster cannot be reached, unless a local fallback serves). The
 * MicroProfile Health check reads it; other health systems can call {@link #check()} too.
 */
public final class Health {
  private static final System.Logger LOG = System.getLogger(Health.class.getName());
  private static final Map<Object, Registration> FILTERS = new ConcurrentHashMap<>();
  private static final Map<String, Boolean> LAST = new ConcurrentHashMap<>();

  private Health() {}

  /** A filter's back ends, and its grid when that is clustered (a local grid is always up). */
  private record Registration(String filter, Map<String, Authenticator> authenticators, Grid grid) {
    List<Readiness> gridReadiness() {
      GridStatus s = grid == null ? null : grid.status();
      if (s == null || !s.clustered()) {
        return List.of();
      }
      return List.of(
          new Readiness(
              filter + " grid",
              s.up(),
              Map.of(
                  "members", Integer.toString(s.members()),
                  "fallback", Boolean.toString(s.fallback()))));
    }
  }

  static void register(Object owner, String filter, Map<String, Authenticator> authenticators) {
    register(owner, filter, authenticators, null);
  }

  static void register(
      Object owner, String filter, Map<String, Authenticator> authenticators, Grid grid) {
    FILTERS.put(owner, new Registration(filter, Map.copyOf(authenticators), grid));
  }

  static void unregister(Object owner) {
    FILTERS.remove(owner);
  }

  /**
   * Checks every back end of every running filter, with details, for the log or an endpoint behind
   * a role. A check that throws counts as down.
   *
   * @return one entry per back end, components prefixed with the filter's name
   */
  public static List<Readiness> check() {
    List<Readiness> all = new ArrayList<>();
    for (Registration r : FILTERS.values()) {
      r.authenticators().forEach((name, authenticator) -> all.addAll(of(r, name, authenticator)));
      all.addAll(r.gridReadiness());
    }
    all.sort((a, b) -> a.component().compareTo(b.component()));
    return all;
  }

  /**
   * UP or DOWN per back end, safe to show to anyone: keyed {@code <filter> <mechanism>} (with
   * {@code " <n>"} when a mechanism has several back ends), without URLs, error texts, key counts
   * or key-set state. The details go to the log, once each time a back end changes state.
   *
   * @return whether each back end is up, sorted by key
   */
  public static Map<String, Boolean> summary() {
    Map<String, Boolean> summary = new TreeMap<>();
    for (Registration r : FILTERS.values()) {
      r.authenticators()
          .forEach(
              (name, authenticator) -> {
                List<Readiness> each = of(r, name, authenticator);
                for (int i = 0; i < each.size(); i++) {
                  String key = r.filter() + " " + name + (each.size() > 1 ? " " + (i + 1) : "");
                  summary.put(key, each.get(i).up());
                  logChange(each.get(i));
                }
              });
      for (Readiness grid : r.gridReadiness()) {
        summary.put(grid.component(), grid.up());
        logChange(grid);
      }
    }
    return summary;
  }

  private static void logChange(Readiness r) {
    Boolean before = LAST.put(r.component(), r.up());
    if (before == null || before != r.up()) {
      LOG.log(
          r.up() ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
          "Readiness of " + r.component() + ": " + (r.up() ? "UP " : "DOWN ") + r.data());
    }
  }

  private static List<Readiness> of(Registration r, String name, Authenticator authenticator) {
    List<Readiness> all = new ArrayList<>();
    try {
      for (Readiness each : authenticator.readiness()) {
        all.add(new Readiness(r.filter() + " " + each.component(), each.up(), each.data()));
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Readiness check of " + name + " failed", e);
      all.clear();
      all.add(
          new Readiness(
              r.filter() + " " + name, false, Map.of("error", e.getClass().getSimpleName())));
    }
    return all;
  }
}
