package dev.portcullis;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Mints ephemeral keys: short-lived, narrowed keys that an application's backend hands to a browser
 * instead of its own long-lived credential. The {@code apiKey} mechanism registers its minter as
 * the servlet context attribute {@value #CONTEXT_ATTRIBUTE} when {@code apiKey.ephemeralSecret} is
 * set; a JAX-RS resource (or any code of the application) finds it there. An ephemeral key
 * authenticates like any API key (docs/browser-clients.md).
 */
public interface EphemeralKeys {
  /** The servlet context attribute holding the minter of the application's filter. */
  String CONTEXT_ATTRIBUTE = "dev.portcullis.EphemeralKeys";

  /**
   * The identity attribute an ephemeral key's identity carries: the log fingerprint of the parent
   * credential. A caller with it cannot mint another key.
   */
  String PARENT_ATTRIBUTE = "ephemeralParent";

  /**
   * Mints a key for {@code caller}.
   *
   * @param caller the authenticated caller: the key carries its principal
   * @param request what the caller asks for
   * @return the key and when it expires
   * @throws Refused with 400 {@code invalid_request} for a malformed request, 403 {@code
   *     insufficient_scope} for scopes the caller does not hold, 403 when the caller itself holds
   *     an ephemeral key
   */
  Minted mint(Identity caller, Request request);

  /**
   * The longest lifetime a key gets; longer requests are cut to it.
   *
   * @return the cap ({@code apiKey.ephemeralMaxLifetime})
   */
  Duration maxLifetime();

  /**
   * What a caller asks for.
   *
   * @param scopes the scopes, each held by the caller; null for all of the caller's scopes
   * @param lifetime the lifetime, positive; null for the default of 60 seconds; cut to {@link
   *     #maxLifetime()}
   * @param singleUse whether the key authenticates one request only, across every node
   * @param origin the only {@code Origin} (for example {@code https://app.example}) the key is
   *     accepted from, or null for any
   */
  record Request(Set<String> scopes, Duration lifetime, boolean singleUse, String origin) {
    /** A request for the defaults: every scope of the caller, 60 seconds, reusable, any origin. */
    public static final Request DEFAULTS = new Request(null, null, false, null);

    /**
     * Copies the scopes.
     *
     * @param scopes the scopes, or null for all of the caller's
     * @param lifetime the lifetime, or null for the default
     * @param singleUse whether the key works once
     * @param origin the bound origin, or null
     */
    public Request {
      scopes = scopes == null ? null : Set.copyOf(scopes);
    }
  }

  /**
   * A minted key.
   *
   * @param value the key, to be handed to the browser and nowhere else
   * @param expiresAt when it stops working (whole seconds)
   */
  record Minted(String value, Instant expiresAt) {
    /**
     * Checks both parts.
     *
     * @param value the key
     * @param expiresAt its expiry
     */
    public Minted {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The key is a secret: never part of a log line or a message. */
    @Override
    public String toString() {
      return "Minted[expiresAt=" + expiresAt + "]";
    }
  }

  /** A mint request refused; the error carries the status and code to answer with. */
  final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The refusal, never null. */
    private final transient AuthError error;

    /**
     * Creates the refusal.
     *
     * @param error the status and code to answer with
     */
    public Refused(AuthError error) {
      super(error.reason(), null, false, false);
      this.error = error;
    }

    /**
     * The status and code to answer with.
     *
     * @return the error
     */
    public AuthError error() {
      return error;
    }
  }
}
