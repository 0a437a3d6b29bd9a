package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ManagedApiKeyStore} does, run on the key file and on PostgreSQL: the lifecycle
 * operations with fake time, and the change listeners told of each change.
 */
public abstract class ManagedStoreContract {
  private static final KeyMetadata DEPLOYS =
      new KeyMetadata("deploys", "acme", null, java.util.Map.of("team", "ops"));
  protected final FakeTime time = new FakeTime(Instant.parse("2026-03-01T10:00:00Z"));
  private final List<String> published = new ArrayList<>();
  private ManagedApiKeyStore store;
  private KeyLifecycle keys;
  private int changes;

  /** A new, empty store on {@link #time}. */
  protected abstract ManagedApiKeyStore newStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = newStore();
    store.onChange(() -> changes++);
    KeyInvalidation invalidation = KeyInvalidation.local();
    invalidation.subscribe(published::add);
    keys =
        new KeyLifecycle(
            store,
            new ApiKeyFormat(List.of("sk_test_")),
            "sk_test_",
            ApiKeyHasher.sha256(),
            time,
            invalidation);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void createWhenCalledThenKeyMatchesStoredHashAndListShowsItWithoutUse() throws Exception {
    KeyLifecycle.Created made =
        keys.create("alice", Set.of("orders:read"), Set.of("admin"), null, KeyMetadata.NONE);

    assertThat(made.key()).startsWith("sk_test_");
    assertThat(store.findById(made.record().id()).orElseThrow().hash())
        .isEqualTo(ApiKeyHasher.sha256().hash(made.key()));
    KeyListing listed = listing(made.record().id());
    assertThat(listed.created()).isEqualTo(time.instant());
    assertThat(listed.lastUsed()).isNull();
    assertThat(listed.state(time.instant())).isEqualTo(KeyListing.State.ACTIVE);
    assertThat(listed.record().scopes()).containsExactly("orders:read");
  }

  @Test
  void rotateWhenGraceGivenThenNewKeySameGrantsAndOldExpiresAtEndOfGrace() throws Exception {
    KeyLifecycle.Created old = keys.create("bob", Set.of("a", "b"), Set.of("ops"), null, DEPLOYS);

    KeyLifecycle.Created fresh = keys.rotate(old.record().id(), Duration.ofDays(7)).orElseThrow();

    ApiKeyRecord now = store.findById(old.record().id()).orElseThrow();
    assertThat(now.expiresAt()).isEqualTo(time.instant().plus(Duration.ofDays(7)));
    ApiKeyRecord next = store.findById(fresh.record().id()).orElseThrow();
    assertThat(next.principal()).isEqualTo("bob");
    assertThat(next.scopes()).containsExactlyInAnyOrder("a", "b");
    assertThat(next.roles()).containsExactly("ops");
    assertThat(next.expiresAt()).isNull();
    assertThat(next.metadata()).isEqualTo(DEPLOYS);
    assertThat(published)
        .containsExactly(old.record().id(), fresh.record().id(), old.record().id());
    time.advance(Duration.ofDays(7));
    assertThat(state(old.record().id())).isEqualTo(KeyListing.State.EXPIRED);
    assertThat(state(fresh.record().id())).isEqualTo(KeyListing.State.ACTIVE);
  }

  @Test
  void rotateWhenOldExpiresBeforeGraceEndsThenItsExpiryIsKept() throws Exception {
    Instant soon = time.instant().plus(Duration.ofHours(1));
    KeyLifecycle.Created old = keys.create("carol", Set.of(), Set.of(), soon, KeyMetadata.NONE);

    KeyLifecycle.Created fresh = keys.rotate(old.record().id(), Duration.ofDays(7)).orElseThrow();

    assertThat(store.findById(old.record().id()).orElseThrow().expiresAt()).isEqualTo(soon);
    assertThat(fresh.record().expiresAt()).isEqualTo(soon);
  }

  @Test
  void lifecycleWhenKeyUnknownThenEmptyAndNothingPublished() throws Exception {
    assertThat(keys.rotate("0123456789abcdef", Duration.ZERO)).isEmpty();
    assertThat(keys.revoke("0123456789abcdef")).isEmpty();
    assertThat(keys.disable("0123456789abcdef", true)).isEmpty();
    assertThat(keys.expire("0123456789abcdef", null)).isEmpty();
    assertThat(published).isEmpty();
  }

  @Test
  void expireDisableEnableRevokeWhenCalledThenStateFollowsAndListenersAreTold() throws Exception {
    String id = keys.create("dave", Set.of(), Set.of(), null, KeyMetadata.NONE).record().id();
    int before = changes;
    Instant at = time.instant().plus(Duration.ofDays(1));

    assertThat(keys.expire(id, at).orElseThrow().expiresAt()).isEqualTo(at);
    assertThat(keys.expire(id, null).orElseThrow().expiresAt()).isNull();
    assertThat(keys.disable(id, true).orElseThrow().disabled()).isTrue();
    assertThat(state(id)).isEqualTo(KeyListing.State.DISABLED);
    assertThat(keys.disable(id, false).orElseThrow().disabled()).isFalse();
    assertThat(state(id)).isEqualTo(KeyListing.State.ACTIVE);
    assertThat(keys.rename(id, "renamed").orElseThrow().metadata().name()).isEqualTo("renamed");
    assertThat(listing(id).record().metadata().name()).isEqualTo("renamed");
    assertThat(keys.revoke(id).orElseThrow().revoked()).isTrue();
    assertThat(state(id)).isEqualTo(KeyListing.State.REVOKED);

    assertThat(changes - before).isEqualTo(6);
    assertThat(published).containsExactly(id, id, id, id, id, id, id);
  }

  @Test
  void revokeLeakedWhenWholeKeyMatchesThenRevokedOnceAndForgeryRevokesNothing() throws Exception {
    KeyLifecycle.Created made = keys.create("erin", Set.of(), Set.of(), null, KeyMetadata.NONE);
    String other = ApiKeyFormat.generate("sk_test_");
    String forged =
        "sk_test_"
            + made.record().id()
            + other.substring("sk_test_".length() + ApiKeyFormat.ID_LENGTH);
    forged =
        forged.substring(0, forged.length() - ApiKeyFormat.CHECKSUM_LENGTH)
            + ApiKeyFormat.checksum(
                forged.substring(0, forged.length() - ApiKeyFormat.CHECKSUM_LENGTH));

    assertThat(keys.revokeLeaked(forged)).isEqualTo(KeyLifecycle.LeakOutcome.NOT_OURS);
    assertThat(keys.revokeLeaked("sk_test_nonsense")).isEqualTo(KeyLifecycle.LeakOutcome.NOT_OURS);
    assertThat(store.findById(made.record().id()).orElseThrow().revoked()).isFalse();
    assertThat(keys.revokeLeaked(made.key())).isEqualTo(KeyLifecycle.LeakOutcome.REVOKED);
    assertThat(keys.revokeLeaked(made.key())).isEqualTo(KeyLifecycle.LeakOutcome.ALREADY_REVOKED);
    assertThat(published).containsExactly(made.record().id(), made.record().id());
  }

  @Test
  void listWhenPagedThenOrderedByIdWithoutRepeats() throws Exception {
    int before = keys.list(null, KeyLifecycle.MAX_PAGE).size();
    for (int i = 0; i < 5; i++) {
      keys.create("p" + i, Set.of(), Set.of(), null, KeyMetadata.NONE);
    }
    List<String> ids = new ArrayList<>();
    List<KeyListing> page = keys.list(null, 3);
    while (!page.isEmpty()) {
      assertThat(page.size()).isLessThanOrEqualTo(3);
      page.forEach(l -> ids.add(l.record().id()));
      page = keys.list(ids.get(ids.size() - 1), 3);
    }

    assertThat(ids).hasSize(before + 5).isSorted().doesNotHaveDuplicates();
  }

  /** The store under test. */
  protected ManagedApiKeyStore store() {
    return store;
  }

  private KeyListing.State state(String id) throws Exception {
    return listing(id).state(time.instant());
  }

  private KeyListing listing(String id) throws Exception {
    return keys.list(null, KeyLifecycle.MAX_PAGE).stream()
        .filter(l -> l.record().id().equals(id))
        .findFirst()
        .orElseThrow();
  }
}
