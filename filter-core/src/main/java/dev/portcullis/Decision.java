package dev.portcullis;

import java.util.List;

/** What the filter does with a request. */
sealed interface Decision {

  /** Pass the request on, as {@code identity} or anonymously when it is null. */
  record Proceed(Identity identity) implements Decision {}

  /** Answer with the error's status and these {@code WWW-Authenticate} values. */
  record Refuse(AuthError error, List<String> challenges) implements Decision {}

  /** A back end is down: answer 503 with {@code Retry-After}. */
  record Unavailable(ServiceUnavailableException cause) implements Decision {}
}
