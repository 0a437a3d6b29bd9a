package dev.portcullis.web;

import dev.portcullis.AuthError;
import dev.portcullis.Identity;
import dev.portcullis.ServiceUnavailableException;
import java.util.List;

/** What the filter does with a request. */
sealed interface Decision {

  /** Pass the request on, as {@code identity} or anonymously when it is null. */
  record Proceed(Identity identity) implements Decision {}

  /**
   * Answer with the error's status and these {@code WWW-Authenticate} values.
   *
   * @param error the refusal
   * @param challenges the rendered challenges
   * @param mechanism the mechanism that refused, or {@link #PIPELINE}
   * @param fingerprint a log-safe fingerprint of the refused credential, or null
   */
  record Refuse(AuthError error, List<String> challenges, String mechanism, String fingerprint)
      implements Decision {}

  /**
   * A back end is down: answer 503 with {@code Retry-After}.
   *
   * @param cause what failed
   * @param mechanism the mechanism whose back end failed
   * @param fingerprint a log-safe fingerprint of the credential being checked, or null
   */
  record Unavailable(ServiceUnavailableException cause, String mechanism, String fingerprint)
      implements Decision {}

  /** The mechanism name of refusals made by the filter itself, before or after the mechanisms. */
  String PIPELINE = "pipeline";
}
