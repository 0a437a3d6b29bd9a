/**
 * The service-provider interface and the values a mechanism author works with at request time.
 *
 * <p>An {@link dev.portcullis.Authenticator} examines an {@link
 * dev.portcullis.AuthenticationRequest} (with its parsed {@link dev.portcullis.Authorization}
 * header) and answers with an {@link dev.portcullis.AuthResult}: authenticated with an {@link
 * dev.portcullis.Identity}, not attempted, or rejected with an {@link dev.portcullis.AuthError}
 * whose {@link dev.portcullis.Challenge} is the only renderer of {@code WWW-Authenticate}. An
 * unreachable back end is a {@link dev.portcullis.ServiceUnavailableException}, never a rejection.
 * {@link dev.portcullis.Fingerprint} names a credential without revealing it, and {@link
 * dev.portcullis.Readiness} reports a back end's health.
 *
 * <p>This package depends on nothing else of Portcullis (an architecture test enforces it): the
 * deploy-time contract (settings, the factory found through {@link java.util.ServiceLoader}) lives
 * in {@code dev.portcullis.config}, caching in {@code dev.portcullis.cache}, and the servlet
 * machinery in {@code dev.portcullis.web}.
 */
package dev.portcullis;
