package dev.portcullis;

/**
 * Every request attribute Portcullis reads or writes, in one place. The first four are meant for
 * applications and mechanisms; the others are the filter's own bookkeeping between filters of one
 * request and must not be set by anyone else.
 */
public final class RequestAttributes {
  /** The authenticated {@link Identity} of the request, set when a filter lets it through. */
  public static final String IDENTITY = "dev.portcullis.Identity";

  /**
   * The client certificate chain of the TLS session ({@code X509Certificate[]}), set by the
   * container (Jakarta Servlet 6, §3.10).
   */
  public static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

  /** The plain challenges an optional filter leaves on an anonymous request for later filters. */
  public static final String CHALLENGES = "dev.portcullis.challenges";

  /**
   * The credit balance of a metered request ({@code dev.portcullis.quota.Credits}), set when a
   * filter with quotas took the request's cost.
   */
  public static final String CREDITS = "dev.portcullis.Credits";

  /** Internal: the quota stage that metered the request, for endpoint costs. */
  public static final String QUOTA = "dev.portcullis.quota";

  /** Internal: which filter branch established the request's identity (filter layering). */
  public static final String ESTABLISHED = "dev.portcullis.established";

  /** Internal: what an endpoint authorization check needs to refuse like the filter did. */
  public static final String AUTHORITY = "dev.portcullis.authority";

  /** Internal: the filter can log the identity into the container on this request. */
  public static final String CONTAINER_LOGIN_AVAILABLE = "dev.portcullis.containerLogin.available";

  /** Internal: an identity waiting to be logged into the container. */
  public static final String CONTAINER_LOGIN_PENDING = "dev.portcullis.containerLogin.pending";

  /** Internal: the container login of this request has happened. */
  public static final String CONTAINER_LOGIN_DONE = "dev.portcullis.containerLogin.done";

  /**
   * Internal: the replay mark of the DPoP proof this request's check accepted, so that a later
   * filter authenticating the same request does not count the same proof twice.
   */
  public static final String DPOP_PROOF_ACCEPTED = "dev.portcullis.dpop.DpopProofs.accepted";

  private RequestAttributes() {}
}
