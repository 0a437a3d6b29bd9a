package dev.portcullis.sample;

import dev.portcullis.web.AuthenticationFilter;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebInitParam;

/**
 * Shows the annotation style: {@code /api/admin} needs the role {@code admin}. Without {@code
 * mechanisms} the filter only authorizes the identity the main filter established; {@code web.xml}
 * maps it by name too, because the servlet specification orders only the filters mapped there.
 */
@WebFilter(
    filterName = "portcullis-admin",
    urlPatterns = {"/api/admin", "/api/admin/*"},
    initParams = @WebInitParam(name = "requiredRoles", value = "admin"))
public final class AdminFilter extends AuthenticationFilter {
  private static final long serialVersionUID = 1L;
}
