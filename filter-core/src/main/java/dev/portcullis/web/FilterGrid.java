package dev.portcullis.web;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.portcullis.config.Config;
import dev.portcullis.grid.Grid;
import dev.portcullis.grid.Grids;
import jakarta.servlet.FilterConfig;

/** Opens a filter's grid from its settings, and releases it when the filter stops. */
final class FilterGrid {
  private FilterGrid() {}

  /**
   * Opens the grid the settings name, shared with the application's other filters.
   *
   * @throws dev.portcullis.config.ConfigurationException naming {@value AuthenticationFilter#GRID}
   *     when the grid cannot be opened, such as {@code jcache} without a JCache provider
   */
  static Grid open(FilterSettings settings, Config config, FilterConfig filter, Ticker ticker) {
    try {
      return Grids.open(
          filter.getServletContext(),
          filter.getFilterName(),
          settings.grid(),
          settings.gridOnLoss(),
          ticker);
    } catch (RuntimeException | LinkageError e) {
      throw config.invalid(AuthenticationFilter.GRID, settings.grid(), describe(e));
    }
  }

  static void close(FilterConfig filter) {
    Grids.close(filter.getServletContext(), filter.getFilterName());
  }

  private static String describe(Throwable e) {
    return e instanceof LinkageError
        ? "the JCache API (javax.cache) is not on the class path"
        : e.getMessage();
  }
}
