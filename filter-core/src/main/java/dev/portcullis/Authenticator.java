package dev.portcullis;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One authentication mechanism: examines a request and decides whether the credential it carries is
 * valid. An authenticator never writes the response; the filter ({@code
 * dev.portcullis.web.AuthenticationFilter}) does.
 *
 * <p>A logical failure (bad, expired or unknown credential) is a {@link AuthResult.Rejected}
 * result. A system failure (identity provider, key store or JWKS endpoint unreachable) is a {@link
 * ServiceUnavailableException}, which the filter turns into {@code 503} with {@code Retry-After}.
 * Implementations must be thread-safe.
 */
public interface Authenticator extends AutoCloseable {

  /**
   * The challenge this mechanism contributes to a {@code 401}, or empty when the mechanism has no
   * HTTP authentication scheme (client certificates, RFC 9110 §11.6.1).
   *
   * @return the challenge, with the filter's realm
   */
  Optional<Challenge> challenge();

  /**
   * The {@code Authorization} schemes this mechanism reads credentials from, compared
   * case-insensitively. The default is the scheme of {@link #challenge()}, if any.
   *
   * @return scheme names, fixed for the life of the mechanism
   */
  default Set<String> schemes() {
    return challenge().map(c -> Set.of(c.scheme())).orElse(Set.of());
  }

  /**
   * The challenge of a 401 when this mechanism refuses {@code request}'s credential, for a
   * mechanism that reads several schemes and answers in the one the client used. The default is
   * {@link #challenge()}.
   *
   * @param request the request refused
   * @return the challenge, with the filter's realm
   */
  default Optional<Challenge> challenge(AuthenticationRequest request) {
    return challenge();
  }

  /**
   * Names the credential sources of this mechanism that are present on the request, for example
   * {@code "authorization"} or {@code "header:X-API-Key"}. Must not do I/O. The filter refuses a
   * request whose credentials come from sources no single configured branch accounts for, so two
   * different credentials never race each other. Ambient credentials such as a TLS client
   * certificate are not reported.
   *
   * @param request the request
   * @return the present sources, empty when this mechanism sees nothing to check
   */
  Set<String> presentedSources(AuthenticationRequest request);

  /**
   * How this mechanism regards the credential of the {@code Authorization} field, judged by its
   * shape alone before any mechanism runs: {@link Claim#OWNS} when the credential has this
   * mechanism's own format (no other mechanism may see it), {@link Claim#NEVER} when this mechanism
   * must not be handed it, else {@link Claim#MAYBE}. The filter hands the credential only to the
   * mechanisms that own it or, when none does, to those that may take it; when none of them accepts
   * the request's scheme the answer is 401 {@code invalid_token} and nothing leaves the process.
   * Runs on every request with an {@code Authorization} field: must not do I/O, parse, hash or
   * allocate. The default is {@link Claim#MAYBE}.
   *
   * @param scheme the scheme as sent, for example {@code Bearer}
   * @param credential the credentials as sent, never empty
   * @return the claim
   */
  default Claim claims(String scheme, String credential) {
    return Claim.MAYBE;
  }

  /** A mechanism's answer to {@link #claims}. */
  enum Claim {
    /** The credential has this mechanism's format: only mechanisms that own it may see it. */
    OWNS,
    /** This mechanism may examine the credential. */
    MAYBE,
    /** This mechanism must never be handed the credential. */
    NEVER
  }

  /**
   * Authenticates the request.
   *
   * @param request the request with its parsed {@code Authorization} header
   * @return authenticated, not attempted (no credential for this mechanism), or rejected
   * @throws ServiceUnavailableException when a back end needed to decide is unreachable
   */
  AuthResult authenticate(AuthenticationRequest request) throws ServiceUnavailableException;

  /**
   * The request header fields this mechanism reads credentials from. The filter names them in
   * {@code Vary} on every answer it lets through (RFC 9110 §12.5.5), so that a cache never serves
   * one caller's answer to a request with other credentials, or none. The default is {@code
   * Authorization} for a mechanism with a challenge scheme, else none.
   *
   * @return header names, fixed for the life of the mechanism
   */
  default Set<String> credentialHeaders() {
    return challenge().isPresent() ? Set.of("Authorization") : Set.of();
  }

  /**
   * Request headers that this mechanism does not believe on this request and that the application
   * must not see either, for example a forwarded client certificate sent by a peer outside the
   * trusted proxies (RFC 9440 §4). The filter hides them from every later reader. Must not do I/O.
   *
   * @param request the request as received
   * @return header names to hide, compared case-insensitively; the default is none
   */
  default Set<String> untrustedHeaders(HttpServletRequest request) {
    return Set.of();
  }

  /**
   * Request attributes that this mechanism does not believe on this request and that neither the
   * filter nor the application may take for the client's, for example the TLS client certificate of
   * a trusted proxy, which is the proxy's own (RFC 9440 §4). The filter hides them from every later
   * reader. Must not do I/O.
   *
   * @param request the request as received
   * @return attribute names to hide; the default is none
   */
  default Set<String> untrustedAttributes(HttpServletRequest request) {
    return Set.of();
  }

  /**
   * The fingerprint of the credential this mechanism reads on the request, for audit lines; never
   * the credential itself. Must not do I/O. The default fingerprints the {@code Authorization}
   * credentials of this mechanism's scheme.
   *
   * @param request the request
   * @return a {@link Fingerprint#of(String)} value, empty when the request carries none
   */
  default Optional<String> fingerprint(AuthenticationRequest request) {
    return challenge().flatMap(c -> request.credentials(c.scheme())).map(Fingerprint::of);
  }

  /**
   * Checks the back ends this mechanism needs, for a readiness probe: key freshness, reachability,
   * credentials. May do bounded I/O (it never runs on the request path) and should not hammer a
   * back end when probes come often. The default reports nothing.
   *
   * @return one entry per back end
   */
  default List<Readiness> readiness() {
    return List.of();
  }

  /** Releases resources (caches, HTTP clients). The default does nothing. */
  @Override
  default void close() {}
}
