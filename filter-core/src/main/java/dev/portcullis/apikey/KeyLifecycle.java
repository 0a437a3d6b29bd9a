package dev.portcullis.apikey;

import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The life of a key, the same for every {@link ManagedApiKeyStore}: create (the key is returned
 * once and never stored), list, rotate with a grace period, set or clear the expiry, disable,
 * enable and revoke. The key tool and the admin API are two front ends of this class. Every new key
 * and every change is announced on the {@link KeyInvalidation} given, so every node re-reads its
 * store where it holds one in memory and drops its cached verdicts, not only this JVM.
 */
public final class KeyLifecycle {
  /** The most keys one {@link #list} call returns. */
  public static final int MAX_PAGE = 1000;

  /** The word for a grace period, in the tool ({@code --grace}) and the API ({@code grace}). */
  public static final String GRACE = "grace";

  private final ManagedApiKeyStore store;
  private final ApiKeyFormat format;
  private final String prefix;
  private final ApiKeyHasher hasher;
  private final Clock clock;
  private final KeyInvalidation invalidation;

  /** A key just made: its record and the key itself, to be shown once. */
  public record Created(ApiKeyRecord record, String key) {}

  /** What a report of a leaked key did. */
  public enum LeakOutcome {
    /** The key was ours and active; it is revoked now. */
    REVOKED,
    /** The key was ours and had been revoked before. */
    ALREADY_REVOKED,
    /** Not one of our keys (no such id, or the rest of the key does not match). */
    NOT_OURS
  }

  KeyLifecycle(
      ManagedApiKeyStore store,
      ApiKeyFormat format,
      String prefix,
      ApiKeyHasher hasher,
      Clock clock,
      KeyInvalidation invalidation) {
    this.store = Objects.requireNonNull(store, "store");
    this.format = format;
    this.prefix = prefix;
    this.hasher = hasher;
    this.clock = clock;
    this.invalidation = invalidation;
  }

  /**
   * Makes a key and stores its record.
   *
   * @param principal the principal requests with the key act as
   * @param scopes the granted scopes
   * @param roles the granted roles
   * @param expires when the key stops working, or null for never
   * @param metadata the key's name, tenant, environment and entries
   * @return the record and the key, to be shown once
   * @throws IllegalArgumentException when a value cannot be stored (see {@link #check})
   * @throws KeyStoreAccessException when the store cannot be written
   */
  public Created create(
      String principal,
      Set<String> scopes,
      Set<String> roles,
      Instant expires,
      KeyMetadata metadata)
      throws KeyStoreAccessException {
    check(principal, scopes, roles);
    String key = ApiKeyFormat.generate(prefix);
    String id = new ApiKeyFormat(List.of(prefix)).idOf(key).orElseThrow();
    ApiKeyRecord record =
        new ApiKeyRecord(id, hasher.hash(key), principal, scopes, roles, expires, false, metadata);
    store.create(record);
    invalidation.publish(id);
    return new Created(record, key);
  }

  /**
   * Checks what a key is made with: a principal of 1 to 255 characters without {@code ;} or control
   * characters, scopes without white space, {@code ;} or control characters, roles without {@code
   * ,} or {@code ;} or control characters, none empty.
   *
   * @param principal the principal
   * @param scopes the scopes
   * @param roles the roles
   * @throws IllegalArgumentException naming the first bad part (not its value)
   */
  public static void check(String principal, Set<String> scopes, Set<String> roles) {
    if (principal == null
        || principal.isBlank()
        || principal.length() > 255
        || !clean(principal, ";")) {
      throw new IllegalArgumentException(
          "principal is required: 1 to 255 characters without ';' or control characters");
    }
    if (!scopes.stream().allMatch(s -> !s.isEmpty() && clean(s, "; \t"))) {
      throw new IllegalArgumentException(
          "scopes must be non-empty and free of white space, ';' and control characters");
    }
    if (!roles.stream().allMatch(r -> !r.isBlank() && clean(r, ";,"))) {
      throw new IllegalArgumentException(
          "roles must be non-empty and free of ',', ';' and control characters");
    }
  }

  private static boolean clean(String value, String forbidden) {
    return value.chars().noneMatch(c -> Character.isISOControl(c) || forbidden.indexOf(c) >= 0);
  }

  /**
   * Reads a grace period as the settings do: {@code 7d}, {@code 12h}, {@code PT30M}.
   *
   * @param text the duration
   * @return the duration
   * @throws dev.portcullis.config.ConfigurationException naming the bad value
   */
  public static Duration grace(String text) {
    return Config.of(Map.of(GRACE, text), name -> null).duration(GRACE, Duration.ZERO);
  }

  /**
   * Lists keys by id, a page at a time.
   *
   * @param afterId the last id of the previous page, or null
   * @param limit the page size, 1 to {@link #MAX_PAGE}
   * @return the keys
   * @throws KeyStoreAccessException when the store cannot be read
   */
  public List<KeyListing> list(String afterId, int limit) throws KeyStoreAccessException {
    return store.list(afterId, Math.max(1, Math.min(limit, MAX_PAGE)));
  }

  /**
   * Rotates a key: a new key with the same grants and expiry, and the old one expiring at the
   * earlier of its expiry and now plus the grace period. Both work during the grace period.
   *
   * @param id the key to rotate
   * @param grace how long the old key keeps working
   * @return the new key, empty when there is no key with this id
   * @throws KeyStoreAccessException when the store cannot be written
   */
  public Optional<Created> rotate(String id, Duration grace) throws KeyStoreAccessException {
    Optional<ApiKeyRecord> old = record(id);
    if (old.isEmpty()) {
      return Optional.empty();
    }
    String key = ApiKeyFormat.generate(prefix);
    String newId = new ApiKeyFormat(List.of(prefix)).idOf(key).orElseThrow();
    ApiKeyRecord fresh = old.get().withKey(newId, hasher.hash(key));
    store.create(fresh);
    invalidation.publish(newId);
    Instant end = clock.instant().plus(grace);
    change(
        id,
        r ->
            r.withExpiresAt(
                r.expiresAt() != null && r.expiresAt().isBefore(end) ? r.expiresAt() : end));
    return Optional.of(new Created(fresh, key));
  }

  /**
   * Sets or clears the expiry of a key.
   *
   * @param id the key
   * @param expires the new expiry, or null for never
   * @return the changed record, empty when there is no key with this id
   * @throws KeyStoreAccessException when the store cannot be written
   */
  public Optional<ApiKeyRecord> expire(String id, Instant expires) throws KeyStoreAccessException {
    return change(id, r -> r.withExpiresAt(expires));
  }

  /**
   * Disables or enables a key.
   *
   * @param id the key
   * @param disabled true to disable, false to enable
   * @return the changed record, empty when there is no key with this id
   * @throws KeyStoreAccessException when the store cannot be written
   */
  public Optional<ApiKeyRecord> disable(String id, boolean disabled)
      throws KeyStoreAccessException {
    return change(id, r -> r.withState(r.revoked(), disabled));
  }

  /**
   * Names a key (its other metadata stays).
   *
   * @param id the key
   * @param name the new name, or null for none
   * @return the changed record, empty when there is no key with this id
   * @throws IllegalArgumentException when the name breaks {@link KeyMetadata}'s rules
   * @throws KeyStoreAccessException when the store cannot be written
   */
  public Optional<ApiKeyRecord> rename(String id, String name) throws KeyStoreAccessException {
    return change(
        id,
        r ->
            r.withMetadata(
                new KeyMetadata(
                    name,
                    r.metadata().tenant(),
                    r.metadata().environment(),
                    r.metadata().entries())));
  }

  /**
   * Revokes a key for good.
   *
   * @param id the key
   * @return the changed record, empty when there is no key with this id
   * @throws KeyStoreAccessException when the store cannot be written
   */
  public Optional<ApiKeyRecord> revoke(String id) throws KeyStoreAccessException {
    return change(id, r -> r.withState(true, r.disabled()));
  }

  /**
   * Revokes a key reported as leaked, when the whole string is one of our keys: its prefix and
   * checksum fit and its hash matches the stored one (a forged string with a real id revokes
   * nothing).
   *
   * @param reported the string a secret scanner found
   * @return what happened
   * @throws KeyStoreAccessException when the store cannot be read or written
   */
  public LeakOutcome revokeLeaked(String reported) throws KeyStoreAccessException {
    Optional<String> id = format.idOf(reported);
    String hash = hasher.hash(reported);
    Optional<ApiKeyRecord> found = id.isPresent() ? record(id.get()) : Optional.empty();
    if (found.isEmpty() || !ApiKeyHasher.matches(found.get().hash(), hash)) {
      return LeakOutcome.NOT_OURS;
    }
    if (found.get().revoked()) {
      return LeakOutcome.ALREADY_REVOKED;
    }
    revoke(id.get());
    return LeakOutcome.REVOKED;
  }

  /**
   * The current time of this lifecycle, for the state of listed keys.
   *
   * @return now
   */
  public Instant now() {
    return clock.instant();
  }

  /**
   * The record of a key.
   *
   * @param id the key id
   * @return the record, empty when there is no key with this id
   * @throws KeyStoreAccessException when the store cannot be read
   */
  public Optional<ApiKeyRecord> record(String id) throws KeyStoreAccessException {
    try {
      return store.findById(id);
    } catch (ServiceUnavailableException e) {
      throw new KeyStoreAccessException(e.getMessage(), e);
    }
  }

  private Optional<ApiKeyRecord> change(String id, UnaryOperator<ApiKeyRecord> change)
      throws KeyStoreAccessException {
    Optional<ApiKeyRecord> changed = store.update(id, change);
    if (changed.isPresent()) {
      invalidation.publish(id);
    }
    return changed;
  }
}
