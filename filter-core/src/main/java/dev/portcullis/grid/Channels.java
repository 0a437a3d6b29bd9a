package dev.portcullis.grid;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The subscribers of this process, per channel; a throwing subscriber never stops the others. */
final class Channels {
  private static final System.Logger LOG = System.getLogger(Grid.class.getName());
  private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();

  /** Adds a subscriber; returns true when it is the channel's first. */
  boolean add(String channel, Consumer<String> listener) {
    List<Consumer<String>> list =
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>());
    synchronized (list) {
      list.add(listener);
      return list.size() == 1;
    }
  }

  Grid.Subscription subscription(String channel, Consumer<String> listener) {
    return () -> subscribers.getOrDefault(channel, List.of()).remove(listener);
  }

  void deliver(String channel, String message) {
    for (Consumer<String> listener : subscribers.getOrDefault(channel, List.of())) {
      try {
        listener.accept(message);
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "A subscriber of grid channel {0} failed: {1}",
            channel,
            e.getClass().getName());
      }
    }
  }
}
