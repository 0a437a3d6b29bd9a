package dev.portcullis.security;

import dev.portcullis.Identity;
import dev.portcullis.web.ContainerLogin;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashSet;
import java.util.Optional;

/**
 * Makes the caller the {@link dev.portcullis.web.AuthenticationFilter} authenticated the caller of
 * the container: Jakarta Security's {@code SecurityContext.getCallerPrincipal()} and {@code
 * isCallerInRole}, EJB {@code @RolesAllowed} and {@code SessionContext}. The identity's roles
 * become the caller's groups, which the container maps to roles (Payara: default principal-to-role
 * mapping, on in Payara Micro).
 *
 * <p>Opt in by declaring a CDI bean in the application; the library jar itself declares none:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class ContainerSecurity extends PortcullisAuthenticationMechanism {}
 * }</pre>
 *
 * <p>The container asks the mechanism about every request before the filters run; it then only
 * records that it is present ({@link ContainerLogin#offer}) and does nothing, so the request goes
 * on unauthenticated to the filters, which decide as always. After a filter has let a caller
 * through it calls {@code request.authenticate(response)}; the container asks the mechanism again,
 * which now {@linkplain HttpMessageContext#notifyContainerAboutLogin reports} the filter's
 * identity. If that login fails the filter answers 500 and the application never runs. Nothing is
 * kept in a session.
 */
public abstract class PortcullisAuthenticationMechanism implements HttpAuthenticationMechanism {

  /** For the application's subclass. */
  protected PortcullisAuthenticationMechanism() {}

  /**
   * Reports the identity the filter is logging in, else records that the mechanism is present and
   * does nothing.
   *
   * @param request the request
   * @param response the response
   * @param context the container's context
   * @return {@code SUCCESS} for the filter's login, else {@code NOT_DONE}
   */
  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Optional<Identity> pending = ContainerLogin.take(request);
    if (pending.isPresent()) {
      Identity identity = pending.get();
      return context.notifyContainerAboutLogin(identity, new LinkedHashSet<>(identity.roles()));
    }
    ContainerLogin.offer(request);
    return context.doNothing();
  }
}
