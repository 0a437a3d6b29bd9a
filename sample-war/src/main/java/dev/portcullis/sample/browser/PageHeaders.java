package dev.portcullis.sample.browser;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers of the static browser pages ({@code /browser/}, {@code /console/}): a
 * Content-Security-Policy that allows only this origin's own script and style files (no inline
 * script, no {@code eval}), no framing, no referrer, no caching.
 */
@WebFilter(
    filterName = "portcullis-page-headers",
    urlPatterns = {"/browser/*", "/console/*"})
public final class PageHeaders extends HttpFilter {
  private static final long serialVersionUID = 1L;

  /** The policy: nothing but same-origin scripts, styles, images and fetches. */
  public static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
          + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("Content-Security-Policy", POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cache-Control", "no-store");
    chain.doFilter(request, response);
  }
}
