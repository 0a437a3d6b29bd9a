package dev.portcullis.web;

import dev.portcullis.Identity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Objects;

/**
 * A request that answers the standard security questions from an {@link Identity}: {@code
 * getUserPrincipal}, {@code getRemoteUser}, {@code isUserInRole} and {@code getAuthType}.
 */
public final class AuthenticatedRequest extends HttpServletRequestWrapper {
  private final Identity identity;

  /**
   * Wraps a request and stores the identity as the {@link Identity#REQUEST_ATTRIBUTE} attribute.
   *
   * @param request the request
   * @param identity who it acts as
   */
  public AuthenticatedRequest(HttpServletRequest request, Identity identity) {
    super(request);
    this.identity = Objects.requireNonNull(identity, "identity");
    request.setAttribute(Identity.REQUEST_ATTRIBUTE, identity);
  }

  /**
   * The identity.
   *
   * @return the identity
   */
  public Identity identity() {
    return identity;
  }

  @Override
  public Principal getUserPrincipal() {
    return identity;
  }

  @Override
  public String getRemoteUser() {
    return identity.getName();
  }

  /**
   * Whether the identity holds {@code role}. As the Servlet specification requires, {@code "*"} is
   * never a role and {@code "**"} means any authenticated user.
   *
   * @param role a role name
   * @return true when the identity holds it
   */
  @Override
  public boolean isUserInRole(String role) {
    if (role == null || role.equals("*")) {
      return false;
    }
    return role.equals("**") || identity.roles().contains(role);
  }

  @Override
  public String getAuthType() {
    return identity.authType();
  }
}
