package dev.portcullis.web;

import dev.portcullis.Authenticator;
import dev.portcullis.Authorization;
import dev.portcullis.config.ConfigurationException;
import java.util.List;

/**
 * Credential routing, decided before any mechanism runs and from the credential's shape alone
 * ({@link Authenticator#claims}): the {@code Authorization} credential goes only to the mechanisms
 * that own it or, when none does, to those that may take it. A mechanism that must not see it is
 * handed the request without its {@code Authorization} field. No I/O, parsing or allocation.
 */
final class Routing {
  /**
   * The answer of {@link #hidden} when no mechanism allowed to see the credential takes its scheme.
   */
  static final long UNROUTABLE = Long.MIN_VALUE;

  /** The most mechanisms one filter can route between (one bit each). */
  static final int MAX_MECHANISMS = 63;

  private final List<Authenticator> authenticators;
  private final String[][] schemes;

  Routing(List<Authenticator> authenticators) {
    if (authenticators.size() > MAX_MECHANISMS) {
      throw new ConfigurationException(
          "A filter has more than " + MAX_MECHANISMS + " mechanisms: " + authenticators.size());
    }
    this.authenticators = List.copyOf(authenticators);
    this.schemes = new String[authenticators.size()][];
    for (int i = 0; i < schemes.length; i++) {
      schemes[i] = authenticators.get(i).schemes().toArray(String[]::new);
    }
  }

  /** The position of a mechanism, for the bits of {@link #hidden}. */
  int index(Authenticator authenticator) {
    return authenticators.indexOf(authenticator);
  }

  /**
   * The mechanisms (one bit per {@link #index}) that take {@code authorization}'s scheme but must
   * not be handed its credential, or {@link #UNROUTABLE} when every mechanism taking that scheme
   * must not: the credential belongs to no mechanism that may read it here.
   *
   * @param authorization the request's field, whose scheme some mechanism of the filter takes
   */
  long hidden(Authorization authorization) {
    String scheme = authorization.scheme();
    String credential = authorization.credentials();
    long owners = 0;
    long never = 0;
    for (int i = 0; i < schemes.length; i++) {
      Authenticator.Claim claim = authenticators.get(i).claims(scheme, credential);
      if (claim == Authenticator.Claim.OWNS) {
        owners |= 1L << i;
      } else if (claim == Authenticator.Claim.NEVER) {
        never |= 1L << i;
      }
    }
    long admitted = owners != 0 ? owners : ~never;
    long hidden = 0;
    boolean taken = false;
    for (int i = 0; i < schemes.length; i++) {
      if (reads(schemes[i], scheme)) {
        if ((admitted & (1L << i)) != 0) {
          taken = true;
        } else {
          hidden |= 1L << i;
        }
      }
    }
    return taken ? hidden : UNROUTABLE;
  }

  /** Whether {@code scheme} is one of {@code schemes}, case-insensitively (no lower-cased copy). */
  static boolean reads(String[] schemes, String scheme) {
    for (String own : schemes) {
      if (own.equalsIgnoreCase(scheme)) {
        return true;
      }
    }
    return false;
  }
}
