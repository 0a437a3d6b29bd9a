package dev.portcullis.sample;

import dev.portcullis.AuthenticationFilter;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebInitParam;

/**
 * Shows the annotation style: {@code /api/admin} needs the role {@code admin}. The servlet
 * specification orders only the filters mapped in {@code web.xml}; when the main filter has already
 * authenticated the request this one only authorizes, and its own mechanism settings let it
 * authenticate by itself should it run first.
 */
@WebFilter(
    filterName = "portcullis-admin",
    urlPatterns = {"/api/admin", "/api/admin/*"},
    initParams = {
      @WebInitParam(name = "mechanisms", value = "apiKey"),
      @WebInitParam(
          name = "apiKey.file",
          value = "${PORTCULLIS_API_KEYS_FILE:webapp:/WEB-INF/demo-api-keys.properties}"),
      @WebInitParam(name = "apiKey.cacheTtl", value = "${PORTCULLIS_API_KEY_CACHE_TTL:30s}"),
      @WebInitParam(
          name = "apiKey.reloadInterval",
          value = "${PORTCULLIS_API_KEY_RELOAD_INTERVAL:5s}"),
      @WebInitParam(name = "requiredRoles", value = "admin")
    })
public final class AdminFilter extends AuthenticationFilter {
  private static final long serialVersionUID = 1L;
}
