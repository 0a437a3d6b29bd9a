package dev.portcullis.apikey;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.portcullis.Readiness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The embedded key store: a properties file of key hashes ({@link ApiKeyFile}), re-read when its
 * modification time or size changes. The file's attributes are checked at most once per reload
 * interval, and only on cache misses. A file that turns unreadable or malformed keeps the last good
 * records in service and is reported in the log.
 */
final class FileApiKeyStore implements ApiKeyStore {
  private static final System.Logger LOG = System.getLogger(FileApiKeyStore.class.getName());

  private final Path path;
  private final long intervalNanos;
  private final Ticker ticker;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile Snapshot snapshot;
  private volatile long nextCheck;
  private volatile boolean lastReloadFailed;

  private record Snapshot(
      Map<String, ApiKeyRecord> records,
      Map<String, ApiKeyRecord> byHash,
      FileTime modified,
      long size) {}

  /** Loads the file; failures are thrown so deployment stops. */
  FileApiKeyStore(Path path, Duration reloadInterval, Ticker ticker) throws IOException {
    this.path = path;
    this.intervalNanos = reloadInterval.toNanos();
    this.ticker = ticker;
    this.snapshot = load();
    this.nextCheck = ticker.read() + intervalNanos;
  }

  private Snapshot load() throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    Map<String, ApiKeyRecord> records = ApiKeyFile.read(path);
    Map<String, ApiKeyRecord> byHash = new HashMap<>();
    records.values().forEach(r -> byHash.putIfAbsent(r.hash(), r));
    return new Snapshot(records, byHash, attributes.lastModifiedTime(), attributes.size());
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
    synchronized (this) {
      long now = ticker.read();
      if (now - nextCheck < 0) {
        return;
      }
      nextCheck = now + intervalNanos;
      try {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        Snapshot current = snapshot;
        if (attributes.lastModifiedTime().equals(current.modified())
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
