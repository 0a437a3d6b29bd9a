package dev.portcullis.jwt;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.portcullis.Readiness;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.jose.MalformedJson;
import dev.portcullis.jose.SigningAlgorithm;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The keys of one issuer, fetched lazily and kept fresh.
 *
 * <ul>
 *   <li>A key set lives for its {@code Cache-Control: max-age}, clamped to [{@code minTtl}, {@code
 *       maxTtl}] ({@code minTtl} when the header is absent); from 80% of that lifetime on it is
 *       refreshed ahead in the background while still being served.
 *   <li>A {@code kid} not in the set triggers a refresh, at most one per {@code cooldown}, and only
 *       one at a time (callers that arrive during a fetch wait for it, bounded by its timeouts).
 *   <li>When fetches fail, the last good set is served for {@code maxStale} past its lifetime;
 *       unknown {@code kid}s then mean "cannot tell" (503), not "invalid" (401).
 *   <li>At most {@code maxWaiting} requests wait for a fetch in flight; any more get 503 at once,
 *       so a hanging endpoint holds at most that many request threads (plus the fetching one).
 * </ul>
 */
final class JwksSource {
  private static final System.Logger LOG = System.getLogger(JwksSource.class.getName());

  /** Timing and size limits shared by the issuers of one filter. */
  record Limits(
      Duration cooldown,
      Duration minTtl,
      Duration maxTtl,
      Duration maxStale,
      int maxKeys,
      int maxWaiting) {}

  private record Snapshot(KeySet keys, long loadedAt, long ttl) {}

  private final String issuer;
  private final KeyLocation location;
  private final HttpFetcher fetcher;
  private final Limits limits;
  private final Ticker ticker;
  private final Executor background;
  private final Set<SigningAlgorithm> keyAlgorithms;
  private final ReentrantLock lock = new ReentrantLock();
  private final Semaphore waiters;
  private volatile Snapshot current;
  private volatile long attempts;
  private volatile long lastAttempt;
  private volatile boolean lastFailed;
  private volatile String lastError = "";
  private volatile Set<String> warnedRoca = Set.of();

  JwksSource(
      String issuer,
      KeyLocation location,
      HttpFetcher fetcher,
      Limits limits,
      Ticker ticker,
      Executor background,
      Set<SigningAlgorithm> keyAlgorithms) {
    this.issuer = issuer;
    this.keyAlgorithms = Set.copyOf(keyAlgorithms);
    this.waiters = new Semaphore(limits.maxWaiting());
    this.location = location;
    this.fetcher = fetcher;
    this.limits = limits;
    this.ticker = ticker;
    this.background = background;
  }

  /**
   * The keys that may verify a token of this issuer.
   *
   * @param kid the token's key id, or null
   * @param algorithm the token's algorithm
   * @return at most one key; empty when the key set, freshly checked, has none that fits
   * @throws ServiceUnavailableException when no key set is available, or the {@code kid} is unknown
   *     while the endpoint is failing
   */
  List<KeySet.Key> keys(String kid, SigningAlgorithm algorithm) throws ServiceUnavailableException {
    long seen = attempts;
    Snapshot s = current;
    long now = ticker.read();
    if (usable(s, now) && s.keys().knows(kid)) {
      if (now - s.loadedAt() >= refreshAhead(s.ttl()) && cooledDown(now)) {
        refreshInBackground(seen);
      }
      return s.keys().find(kid, algorithm);
    }
    if (!refreshOrWait(seen)) {
      throw new ServiceUnavailableException(
          "Too many requests wait for the key set of issuer " + issuer);
    }
    s = current;
    now = ticker.read();
    if (!usable(s, now)) {
      throw new ServiceUnavailableException("No usable key set for issuer " + issuer);
    }
    if (!s.keys().knows(kid) && lastFailed) {
      throw new ServiceUnavailableException("Key set of issuer " + issuer + " cannot be refreshed");
    }
    return s.keys().find(kid, algorithm);
  }

  /** A key set is refreshed from 80% of its lifetime on, so it is renewed before it goes stale. */
  private static long refreshAhead(long ttl) {
    return ttl - ttl / 5;
  }

  private boolean usable(Snapshot s, long now) {
    return s != null && now - s.loadedAt() <= s.ttl() + limits.maxStale().toNanos();
  }

  private boolean cooledDown(long now) {
    return attempts == 0 || now - lastAttempt >= limits.cooldown().toNanos();
  }

  private void refreshInBackground(long seen) {
    try {
      background.execute(() -> refresh(seen));
    } catch (RejectedExecutionException e) {
      // Closed or busy: the next request tries again.
    }
  }

  /**
   * Fetches, or waits for the fetch in flight (bounded by its timeouts).
   *
   * @return false, without waiting, when {@code maxWaiting} requests already wait
   */
  private boolean refreshOrWait(long seen) {
    // Take the lock or a waiter's permit, each in one atomic step: no burst slips past the bound.
    if (lock.tryLock()) {
      try {
        refresh(seen);
        return true;
      } finally {
        lock.unlock();
      }
    }
    if (!waiters.tryAcquire()) {
      return false;
    }
    try {
      refresh(seen);
      return true;
    } finally {
      waiters.release();
    }
  }

  /** Requests now waiting for a fetch, for tests. */
  int waiting() {
    return limits.maxWaiting() - waiters.availablePermits();
  }

  /** Fetches once unless another fetch happened since {@code seen} or the cooldown is running. */
  private void refresh(long seen) {
    lock.lock();
    try {
      long now = ticker.read();
      if (attempts != seen || !cooledDown(now)) {
        return;
      }
      lastAttempt = now;
      attempts = seen + 1;
      try {
        URI uri = location.jwksUri(fetcher);
        HttpFetcher.Document doc = fetcher.get(uri);
        KeySet keys = KeySet.parse(doc.body(), limits.maxKeys(), keyAlgorithms);
        current = new Snapshot(keys, ticker.read(), ttl(doc).toNanos());
        lastFailed = false;
        warnRoca(keys.vulnerable());
      } catch (IOException | MalformedJson | RuntimeException e) {
        lastFailed = true;
        lastError = e.getClass().getSimpleName();
        LOG.log(
            System.Logger.Level.WARNING,
            "Cannot refresh the key set of issuer {0}: {1}",
            issuer,
            e.getClass().getSimpleName());
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Names each refused ROCA key once, when it first appears, not again on every refresh that still
   * finds it (a key that leaves the set and comes back is named again).
   */
  private void warnRoca(List<String> vulnerable) {
    List<String> fresh = vulnerable.stream().filter(k -> !warnedRoca.contains(k)).toList();
    warnedRoca = Set.copyOf(vulnerable);
    if (!fresh.isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Key set of issuer {0}: RSA keys {1} refused, their moduli carry the ROCA fingerprint"
              + " (CVE-2017-15361)",
          issuer,
          printable(fresh));
    }
  }

  /**
   * Whether tokens of this issuer can be verified now. Before the first token nothing has been
   * fetched, so the probe fetches (within the cooldown, like any refresh); afterwards it reports
   * the held key set's age, size and whether the last fetch failed.
   */
  Readiness readiness() {
    if (current == null) {
      refreshOrWait(attempts); // a health probe waits like a request, within jwksMaxWaiting
    }
    Snapshot s = current;
    long now = ticker.read();
    Map<String, String> data = new LinkedHashMap<>();
    data.put("lastFetch", attempts == 0 ? "none" : lastFailed ? "failed: " + lastError : "ok");
    if (s != null) {
      data.put("keys", Integer.toString(s.keys().keys().size()));
      data.put("ageSeconds", Long.toString(Duration.ofNanos(now - s.loadedAt()).toSeconds()));
      data.put("stale", Boolean.toString(now - s.loadedAt() > s.ttl()));
      if (!s.keys().vulnerable().isEmpty()) {
        data.put("refusedRocaKeys", printable(s.keys().vulnerable()));
      }
    }
    return new Readiness("jwt " + issuer, usable(s, now), data);
  }

  /** Seconds since the held key set was fetched; -1 when none is held. */
  double ageSeconds() {
    Snapshot s = current;
    return s == null ? -1 : (ticker.read() - s.loadedAt()) / 1e9;
  }

  /** 1 when the last fetch failed, else 0. */
  double lastFetchFailed() {
    return lastFailed ? 1 : 0;
  }

  /** Key ids as the issuer wrote them, but only printable ASCII and at most 64 characters each. */
  private static String printable(List<String> kids) {
    return kids.stream()
        .map(k -> k.length() > 64 ? k.substring(0, 64) + "..." : k)
        .map(k -> k.replaceAll("[^\\x20-\\x7E]", "?"))
        .toList()
        .toString();
  }

  private Duration ttl(HttpFetcher.Document doc) {
    Duration d = doc.maxAge().orElse(limits.minTtl());
    if (d.compareTo(limits.minTtl()) < 0) {
      return limits.minTtl();
    }
    return d.compareTo(limits.maxTtl()) > 0 ? limits.maxTtl() : d;
  }
}
