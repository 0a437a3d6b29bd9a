package dev.portcullis.apikey;

import java.time.Instant;
import java.util.Objects;

/**
 * A key as a listing shows it: its record and when it was created and last used. Whoever prints a
 * listing prints no hash: {@link #record()} holds one only because stores read whole rows.
 *
 * @param record the stored record
 * @param created when the key was created, or null when the store does not know
 * @param lastUsed when the key last authenticated a request (as last flushed), or null for never
 */
public record KeyListing(ApiKeyRecord record, Instant created, Instant lastUsed) {

  /** The states a key is in, in the words of the key tool and the admin API. */
  public enum State {
    /** Accepted. */
    ACTIVE,
    /** Switched off for now; can be enabled again. */
    DISABLED,
    /** Past its expiry. */
    EXPIRED,
    /** Revoked for good. */
    REVOKED;

    /**
     * The lower-case name used in output and JSON.
     *
     * @return for example {@code active}
     */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Checks the record.
   *
   * @param record the stored record
   * @param created when the key was created, or null
   * @param lastUsed when the key was last used, or null
   */
  public KeyListing {
    Objects.requireNonNull(record, "record");
  }

  /**
   * The state at a given time: revoked before disabled before expired.
   *
   * @param now the current time
   * @return the state
   */
  public State state(Instant now) {
    if (record.revoked()) {
      return State.REVOKED;
    }
    if (record.disabled()) {
      return State.DISABLED;
    }
    if (record.expiresAt() != null && !now.isBefore(record.expiresAt())) {
      return State.EXPIRED;
    }
    return State.ACTIVE;
  }
}
