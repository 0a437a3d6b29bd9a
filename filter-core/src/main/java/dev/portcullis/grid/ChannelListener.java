package dev.portcullis.grid;

import java.io.Serializable;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;

/**
 * Delivers the messages of one channel's event cache to this node's subscribers. JCache requires
 * listener factories to be serializable; a copy deserialized elsewhere has no subscribers and
 * delivers nothing, so each node delivers only through its own registration.
 */
final class ChannelListener implements CacheEntryCreatedListener<String, String>, Serializable {
  private static final long serialVersionUID = 1L;

  private final String channel;
  private final transient Channels channels;
  private final transient CacheEntryListenerConfiguration<String, String> configuration;

  ChannelListener(String channel, Channels channels) {
    this.channel = channel;
    this.channels = channels;
    this.configuration =
        new MutableCacheEntryListenerConfiguration<>(
            new FactoryBuilder.SingletonFactory<>(this), null, false, false);
  }

  CacheEntryListenerConfiguration<String, String> configuration() {
    return configuration;
  }

  @Override
  public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
    if (channels == null) {
      return;
    }
    for (CacheEntryEvent<? extends String, ? extends String> event : events) {
      channels.deliver(channel, event.getValue());
    }
  }
}
