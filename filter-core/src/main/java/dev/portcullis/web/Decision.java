package dev.portcullis.web;

import dev.portcullis.AuthError;
import dev.portcullis.Identity;
import dev.portcullis.RequestAttributes;
import dev.portcullis.ServiceUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/** What the filter does with a request. */
sealed interface Decision {

  /**
   * Pass the request on, as {@code identity} or anonymously when it is null. Deciding has no side
   * effects: what the filter writes on the request is here.
   *
   * @param identity the identity, or null for an anonymous pass
   * @param established which of this filter's branches established the identity just now, or null
   *     when it was accepted from an earlier filter (see {@link Layering})
   * @param challenges the plain challenges an optional filter leaves on an anonymous request for
   *     later filters, empty when there are none
   * @param acceptedProof the replay mark of the DPoP proof accepted with the identity, or null
   */
  record Proceed(
      Identity identity,
      Layering.Established established,
      List<String> challenges,
      String acceptedProof)
      implements Decision {
    /** Pass on without a DPoP proof. */
    Proceed(Identity identity, Layering.Established established, List<String> challenges) {
      this(identity, established, challenges, null);
    }

    /** Pass on as {@code identity}, established earlier, leaving nothing for later filters. */
    Proceed(Identity identity) {
      this(identity, null, List.of());
    }

    /** Writes what this decision leaves on the request for later filters. */
    void writeTo(HttpServletRequest request) {
      if (established != null) {
        request.setAttribute(RequestAttributes.ESTABLISHED, established);
      }
      if (!challenges.isEmpty()) {
        request.setAttribute(RequestAttributes.CHALLENGES, challenges);
      }
      if (acceptedProof != null) {
        request.setAttribute(RequestAttributes.DPOP_PROOF_ACCEPTED, acceptedProof);
      }
    }
  }

  /**
   * Answer with the error's status and these {@code WWW-Authenticate} values.
   *
   * @param error the refusal
   * @param challenges the rendered challenges
   * @param mechanism the mechanism that refused, or {@link #PIPELINE}
   * @param fingerprint a log-safe fingerprint of the refused credential, or null
   * @param dpopNonce the {@code DPoP-Nonce} to send (RFC 9449 §9), or null
   */
  record Refuse(
      AuthError error,
      List<String> challenges,
      String mechanism,
      String fingerprint,
      String dpopNonce)
      implements Decision {
    /** A refusal without a DPoP nonce. */
    Refuse(AuthError error, List<String> challenges, String mechanism, String fingerprint) {
      this(error, challenges, mechanism, fingerprint, null);
    }
  }

  /**
   * A back end is down: answer 503 with {@code Retry-After}.
   *
   * @param cause what failed
   * @param mechanism the mechanism whose back end failed
   * @param fingerprint a log-safe fingerprint of the credential being checked, or null
   */
  record Unavailable(ServiceUnavailableException cause, String mechanism, String fingerprint)
      implements Decision {
    /** A back end down, or the grid lost (a {@code GridUnavailableException}): both are a 503. */
    static Unavailable of(Exception cause, String mechanism, String fingerprint) {
      return new Unavailable(
          cause instanceof ServiceUnavailableException s
              ? s
              : new ServiceUnavailableException(cause.getMessage(), cause),
          mechanism,
          fingerprint);
    }
  }

  /** The mechanism name of refusals made by the filter itself, before or after the mechanisms. */
  String PIPELINE = "pipeline";
}
