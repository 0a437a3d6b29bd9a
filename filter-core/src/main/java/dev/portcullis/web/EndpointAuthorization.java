package dev.portcullis.web;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Scopes and roles an endpoint declares (for example with {@link
 * dev.portcullis.jaxrs.RequiresScopes}), checked against the identity the {@link
 * AuthenticationFilter} established on the same request, with the same answers as the filter's own
 * {@code requiredScopes} and {@code requiredRoles}: 403 {@code insufficient_scope} with the {@code
 * scope} on the identity's scheme and the realm of the filter that authenticated it, 403 without
 * challenge for a missing role. It fails closed: a request no Portcullis filter authenticated gets
 * 401 with the challenges of an optional filter that let it through anonymously, else 403.
 *
 * <p>Immutable and thread-safe; make one per endpoint when the application starts.
 */
public final class EndpointAuthorization {
  private final Set<String> scopes;
  private final Set<String> roles;

  private EndpointAuthorization(Set<String> scopes, Set<String> roles) {
    this.scopes = scopes;
    this.roles = roles;
  }

  /**
   * Requirements: every scope, and one of the roles when there are any.
   *
   * @param scopes scope tokens that must all be granted
   * @param roles roles of which one must be held; empty means none is needed
   * @return the requirements
   * @throws IllegalArgumentException when a scope is not an RFC 6750 scope token or a role is empty
   */
  public static EndpointAuthorization of(Collection<String> scopes, Collection<String> roles) {
    for (String scope : scopes) {
      if (scope.isEmpty()
          || !scope.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '"' && c != '\\')) {
        throw new IllegalArgumentException("Scope [" + scope + "] is not a scope token");
      }
    }
    for (String role : roles) {
      if (role.isEmpty()) {
        throw new IllegalArgumentException("A required role is empty");
      }
    }
    return new EndpointAuthorization(
        Collections.unmodifiableSet(new LinkedHashSet<>(scopes)),
        Collections.unmodifiableSet(new LinkedHashSet<>(roles)));
  }

  /**
   * Checks a request.
   *
   * @param attributes the request's attributes by name, for example {@code
   *     HttpServletRequest::getAttribute}, or JAX-RS {@code ContainerRequestContext::getProperty},
   *     which a Servlet container backs with the request attributes
   * @return the refusal to send, or empty when the request may proceed
   */
  public Optional<Refusal> check(Function<String, Object> attributes) {
    Decision decision = Authority.decide(attributes, scopes, roles);
    return decision instanceof Decision.Refuse refuse
        ? Optional.of(Refusal.of(refuse))
        : Optional.empty();
  }

  /**
   * The required scopes.
   *
   * @return an unmodifiable set in declaration order
   */
  public Set<String> scopes() {
    return scopes;
  }

  /**
   * The roles of which one is required.
   *
   * @return an unmodifiable set in declaration order, empty when no role is needed
   */
  public Set<String> roles() {
    return roles;
  }

  @Override
  public String toString() {
    return "EndpointAuthorization[scopes=" + scopes + ", roles=" + roles + "]";
  }
}
