package dev.portcullis.grid;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.HazelcastMemberCachingProvider;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;

/**
 * Hazelcast members in this JVM, clustered over TCP/IP on loopback (no multicast) on free ports,
 * with a JCache {@link CacheManager} each: a real JCache provider for the clustered grid.
 */
final class Members implements AutoCloseable {
  private final List<HazelcastInstance> instances = new ArrayList<>();
  private final List<CacheManager> managers = new ArrayList<>();

  static {
    // before the first member starts, or its start-up warnings go to the log
    System.setProperty("hazelcast.logging.type", "none");
  }

  /** Starts {@code count} members in parallel and waits until each sees all. */
  Members(int count) {
    String cluster = "portcullis-test-" + UUID.randomUUID();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ports.add(freePort());
    }
    List<CompletableFuture<HazelcastInstance>> starting = new ArrayList<>();
    for (int port : ports) {
      Config config = config(cluster, port, ports);
      config.setProperty("hazelcast.initial.min.cluster.size", Integer.toString(count));
      starting.add(CompletableFuture.supplyAsync(() -> Hazelcast.newHazelcastInstance(config)));
    }
    starting.forEach(s -> instances.add(s.join()));
    for (HazelcastInstance instance : instances) {
      // one provider per member: a provider keeps one manager per URI, and Hazelcast prefixes
      // cache names with the URI, so every member must use the same (default) URI, as on Payara
      CachingProvider provider = new HazelcastMemberCachingProvider();
      managers.add(
          provider.getCacheManager(
              provider.getDefaultURI(),
              Members.class.getClassLoader(),
              HazelcastCachingProvider.propertiesByInstanceItself(instance)));
    }
  }

  static Config config(String cluster, int port, List<Integer> ports) {
    Config config = new Config();
    config.setClusterName(cluster);
    config.setInstanceName(cluster + "-" + port);
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(1);
    ports.forEach(p -> join.getTcpIpConfig().addMember("127.0.0.1:" + p));
    return config;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  CacheManager manager(int i) {
    return managers.get(i);
  }

  HazelcastInstance instance(int i) {
    return instances.get(i);
  }

  /** Kills member {@code i} at once, as a crash would. */
  void kill(int i) {
    instances.get(i).getLifecycleService().terminate();
  }

  @Override
  public void close() {
    managers.forEach(CacheManager::close);
    instances.forEach(i -> i.getLifecycleService().terminate());
  }
}
