package dev.portcullis.apikey;

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
 * the next flush, and a failed write keeps the ids (within the bound) for the next attempt. Shared
 * by the key stores that track last use (the key file's side file, the JDBC table's column).
 */
public final class LastUsedRecorder implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LastUsedRecorder.class.getName());

  /** Writes one batch. */
  @FunctionalInterface
  public interface Writer {
    /**
     * Writes the time of last use of some keys.
     *
     * @param ids the key ids
     * @param usedAt the time to record
     * @throws Exception when the write fails; the ids are kept for the next flush
     */
    void write(List<String> ids, Instant usedAt) throws Exception;
  }

  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final int maximumPending;
  private final Clock clock;
  private final Writer writer;
  private final ScheduledExecutorService executor;

  /**
   * Starts the writer thread.
   *
   * @param interval the time between two writes
   * @param maximumPending the most ids queued between two writes
   * @param clock the time written
   * @param writer what writes a batch
   */
  public LastUsedRecorder(Duration interval, int maximumPending, Clock clock, Writer writer) {
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

  /**
   * Queues an id; never blocks on I/O.
   *
   * @param id the id of a key just used
   */
  public void record(String id) {
    if (pending.size() < maximumPending) {
      pending.add(id);
    }
  }

  /**
   * How many ids wait for the next write.
   *
   * @return the count
   */
  public int pending() {
    return pending.size();
  }

  /** Writes the queued ids in one batch, stamped with the current time. */
  public synchronized void flush() {
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
    } catch (Exception e) { // a failed write of any kind keeps the ids; never the request path
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
