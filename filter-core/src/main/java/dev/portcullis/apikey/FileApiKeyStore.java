package dev.portcullis.apikey;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.portcullis.Readiness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The embedded key store: a properties file of key hashes ({@link ApiKeyFile}), re-read when its
 * modification time or size changes. The file's attributes are checked at most once per reload
 * interval, and only on cache misses. A file that turns unreadable or malformed keeps the last good
 * records in service and is reported in the log.
 *
 * <p>Changes ({@link ManagedApiKeyStore}) go through {@link KeyFileWriter} (locked, atomic) and
 * {@link KeyFileLines} (comments and other lines kept); this store reloads at once after its own
 * change. Last use goes to a side file ({@link KeyFileLastUsed}) in batches, off the request path.
 */
final class FileApiKeyStore implements ManagedApiKeyStore {
  private static final System.Logger LOG = System.getLogger(FileApiKeyStore.class.getName());

  private final Path path;
  private final long intervalNanos;
  private final Ticker ticker;
  private final Clock clock;
  private final KeyFileWriter writer;
  private final KeyFileLastUsed lastUsedFile;
  private final LastUsedRecorder lastUsed;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile Snapshot snapshot;
  private volatile long nextCheck;
  private volatile boolean lastReloadFailed;

  private record Snapshot(
      NavigableMap<String, KeyListing> listings,
      Map<String, ApiKeyRecord> records,
      Map<String, ApiKeyRecord> byHash,
      FileTime modified,
      long size) {}

  /** Loads the file, without last-use tracking (tests). */
  FileApiKeyStore(Path path, Duration reloadInterval, Ticker ticker) throws IOException {
    this(path, reloadInterval, ticker, Clock.systemUTC(), Duration.ZERO, 1);
  }

  /**
   * Loads the file; failures are thrown so deployment stops. A zero {@code lastUsedInterval} tracks
   * no last use.
   */
  FileApiKeyStore(
      Path path,
      Duration reloadInterval,
      Ticker ticker,
      Clock clock,
      Duration lastUsedInterval,
      int lastUsedMaximumPending)
      throws IOException {
    this.path = path;
    this.intervalNanos = reloadInterval.toNanos();
    this.ticker = ticker;
    this.clock = clock;
    this.writer = new KeyFileWriter(path);
    this.lastUsedFile = new KeyFileLastUsed(path);
    this.snapshot = load();
    this.nextCheck = ticker.read() + intervalNanos;
    this.lastUsed =
        lastUsedInterval.isZero()
            ? null
            : new LastUsedRecorder(
                lastUsedInterval, lastUsedMaximumPending, clock, lastUsedFile::write);
  }

  private Snapshot load() throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    NavigableMap<String, KeyListing> listings = new TreeMap<>(ApiKeyFile.readAll(path));
    Map<String, ApiKeyRecord> records = new HashMap<>();
    Map<String, ApiKeyRecord> byHash = new HashMap<>();
    listings.values().forEach(l -> records.put(l.record().id(), l.record()));
    records.values().forEach(r -> byHash.putIfAbsent(r.hash(), r));
    return new Snapshot(
        listings, records, byHash, attributes.lastModifiedTime(), attributes.size());
  }

  @Override
  public void create(ApiKeyRecord record) throws KeyStoreAccessException {
    write(
        lines -> {
          if (KeyFileLines.find(lines, record.id()).isPresent()) {
            throw new IOException("key id [" + record.id() + "] exists already");
          }
          KeyFileLines.append(lines, record, clock.instant());
          return null;
        });
  }

  @Override
  public Optional<ApiKeyRecord> update(String id, UnaryOperator<ApiKeyRecord> change)
      throws KeyStoreAccessException {
    return write(
        lines -> {
          Optional<KeyFileLines.Entry> entry = KeyFileLines.find(lines, id);
          if (entry.isEmpty()) {
            return Optional.<ApiKeyRecord>empty();
          }
          ApiKeyRecord changed = change.apply(ApiKeyFile.parse(id, entry.get().fields()));
          KeyFileLines.replace(lines, entry.get(), id, changed);
          return Optional.of(changed);
        });
  }

  @Override
  public List<KeyListing> list(String afterId, int limit) {
    reloadIfChanged();
    Map<String, Instant> used = lastUsedFile.read();
    NavigableMap<String, KeyListing> all = snapshot.listings();
    List<KeyListing> page = new ArrayList<>();
    for (KeyListing l : (afterId == null ? all : all.tailMap(afterId, false)).values()) {
      if (page.size() == limit) {
        break;
      }
      page.add(new KeyListing(l.record(), l.created(), used.get(l.record().id())));
    }
    return page;
  }

  private <T> T write(KeyFileWriter.Edit<T> edit) throws KeyStoreAccessException {
    T result;
    try {
      result = writer.edit(edit);
    } catch (IOException | RuntimeException e) {
      throw new KeyStoreAccessException("API key file " + path + ": " + e.getMessage(), e);
    }
    reload(true);
    return result;
  }

  /** Re-reads the file at once: another node changed a key. */
  @Override
  public void refresh() {
    reload(true);
  }

  @Override
  public void recordUse(String id) {
    if (lastUsed != null) {
      lastUsed.record(id);
    }
  }

  /** Writes the queued last uses now (tests; the writer thread does it on schedule). */
  void flushLastUsed() {
    if (lastUsed != null) {
      lastUsed.flush();
    }
  }

  @Override
  public void close() {
    if (lastUsed != null) {
      lastUsed.close();
    }
  }

  @Override
  public Optional<ApiKeyRecord> findById(String id) {
    reloadIfChanged();
    return Optional.ofNullable(snapshot.records().get(id));
  }

  @Override
  public Optional<ApiKeyRecord> findByHash(String hash) {
    reloadIfChanged();
    return Optional.ofNullable(snapshot.byHash().get(hash));
  }

  /** Always up: the last good keys keep serving; a failed reload is reported in the data. */
  @Override
  public Readiness readiness() {
    reloadIfChanged();
    return new Readiness(
        "apiKey file",
        true,
        Map.of(
            "keys",
            Integer.toString(snapshot.records().size()),
            "lastReload",
            lastReloadFailed ? "failed" : "ok"));
  }

  @Override
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  private void reloadIfChanged() {
    if (ticker.read() - nextCheck < 0) {
      return;
    }
    reload(false);
  }

  /** Reloads when due and changed, or at once after a change of this store ({@code force}). */
  private void reload(boolean force) {
    synchronized (this) {
      long now = ticker.read();
      if (!force && now - nextCheck < 0) {
        return;
      }
      nextCheck = now + intervalNanos;
      try {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        Snapshot current = snapshot;
        if (!force
            && attributes.lastModifiedTime().equals(current.modified())
            && attributes.size() == current.size()) {
          return;
        }
        snapshot = load();
        lastReloadFailed = false;
        LOG.log(
            System.Logger.Level.INFO,
            "Reloaded API key file {0}: {1} keys",
            path,
            snapshot.records().size());
      } catch (IOException | RuntimeException e) {
        lastReloadFailed = true;
        LOG.log(
            System.Logger.Level.WARNING,
            "API key file {0} could not be reloaded; keeping the last good keys: {1}",
            path,
            e.getMessage());
        return;
      }
    }
    listeners.forEach(Runnable::run);
  }
}
