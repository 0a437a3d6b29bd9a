package dev.portcullis.web;

import dev.portcullis.Identity;
import dev.portcullis.RequestAttributes;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The hand-over between the {@link AuthenticationFilter} and a container authentication mechanism
 * such as {@link dev.portcullis.security.PortcullisAuthenticationMechanism}, which makes the
 * filter's identity the caller the container sees (Jakarta Security {@code SecurityContext}, EJB
 * {@code @RolesAllowed}).
 *
 * <p>The mechanism calls {@link #offer} when the container asks it about a request before the
 * filters run. Only on such a request does the filter, after it has authenticated and authorized
 * the caller, call {@code request.authenticate(response)}; the container asks the mechanism again,
 * which {@link #take takes} the identity and reports it to the container. When that login fails the
 * filter does not pass the request on: it answers 500. Without a mechanism nothing here happens.
 */
public final class ContainerLogin {
  private static final System.Logger LOG = System.getLogger(ContainerLogin.class.getName());
  static final String AVAILABLE = RequestAttributes.CONTAINER_LOGIN_AVAILABLE;
  static final String PENDING = RequestAttributes.CONTAINER_LOGIN_PENDING;
  static final String DONE = RequestAttributes.CONTAINER_LOGIN_DONE;

  private ContainerLogin() {}

  /**
   * Says that this request has a container mechanism that can log the filter's identity in.
   *
   * @param request the container's request
   */
  public static void offer(HttpServletRequest request) {
    request.setAttribute(AVAILABLE, Boolean.TRUE);
  }

  /**
   * The identity the filter is logging in with {@code request.authenticate}, removed from the
   * request as it is read so that it is handed over once.
   *
   * @param request the container's request
   * @return the identity, or empty when the filter is not logging one in
   */
  public static Optional<Identity> take(HttpServletRequest request) {
    Object pending = request.getAttribute(PENDING);
    request.removeAttribute(PENDING);
    return pending instanceof Identity identity ? Optional.of(identity) : Optional.empty();
  }

  /**
   * Logs {@code identity} in to the container when a mechanism offered to, once per request.
   *
   * @return whether the request may proceed; when false the response has been written
   */
  static boolean perform(
      HttpServletRequest request, HttpServletResponse response, Identity identity)
      throws IOException {
    if (request.getAttribute(AVAILABLE) == null || request.getAttribute(DONE) != null) {
      return true;
    }
    request.setAttribute(PENDING, identity);
    boolean authenticated;
    try {
      authenticated = request.authenticate(response);
    } catch (ServletException e) {
      authenticated = false;
    } finally {
      request.removeAttribute(PENDING);
    }
    if (authenticated) {
      request.setAttribute(DONE, Boolean.TRUE);
      return true;
    }
    LOG.log(
        System.Logger.Level.ERROR,
        "The container did not log in the caller the filter authenticated; request refused");
    if (!response.isCommitted()) {
      Responses.write(response, Refusal.serverError());
    }
    return false;
  }
}
