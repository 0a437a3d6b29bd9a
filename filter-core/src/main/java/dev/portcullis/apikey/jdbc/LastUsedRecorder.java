package dev.portcullis.apikey.jdbc;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Collects the ids of keys in use and writes them in one batch per interval from a single daemon
 * thread. The request path only adds an id to a bounded set: ids beyond the bound are dropped until
 * the next flush, and a failed write keeps the ids (within the bound) for the next attempt.
 */
final class LastUsedRecorder implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LastUsedRecorder.class.getName());

  /** Writes one batch. */
  @FunctionalInterface
  interface Writer {
    void write(List<String> ids, Instant usedAt) throws SQLException;
  }

  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final int maximumPending;
  private final Clock clock;
  private final Writer writer;
  private final ScheduledExecutorService executor;

  LastUsedRecorder(Duration interval, int maximumPending, Clock clock, Writer writer) {
    this.maximumPending = maximumPending;
    this.clock = clock;
    this.writer = writer;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "portcullis-api-key-last-used");
              thread.setDaemon(true);
              return thread;
            });
    long nanos = interval.toNanos();
    executor.scheduleWithFixedDelay(this::flush, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /** Queues an id; never blocks on I/O. */
  void record(String id) {
    if (pending.size() < maximumPending) {
      pending.add(id);
    }
  }

  int pending() {
    return pending.size();
  }

  /** Writes the queued ids in one batch, stamped with the current time. */
  synchronized void flush() {
    List<String> ids = new ArrayList<>();
    for (Iterator<String> it = pending.iterator(); it.hasNext(); ) {
      ids.add(it.next());
      it.remove();
    }
    if (ids.isEmpty()) {
      return;
    }
    try {
      writer.write(ids, clock.instant());
    } catch (SQLException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Could not record the last use of {0} API keys; retrying at the next flush: {1}",
          ids.size(),
          e.toString());
      ids.forEach(this::record);
    }
  }

  /** Stops the thread and makes a last attempt to write what is queued. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
