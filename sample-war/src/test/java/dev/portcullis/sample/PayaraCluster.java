package dev.portcullis.sample;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Payara Micro nodes running the sample WAR, clustered through their Hazelcast data grid over
 * TCP/IP on loopback (no multicast), each on free HTTP and data-grid ports. The nodes boot in
 * parallel; {@link #start} returns once every node has deployed the sample and its data grid lists
 * every node as a member (one to three minutes for two nodes on two shared cores, depending on the
 * load).
 *
 * <pre>{@code
 * try (PayaraCluster cluster = PayaraCluster.start(dir, 2,
 *     Map.of("portcullis.portcullis.grid", "jcache"), Map.of())) {
 *   Http a = new Http(cluster.url(0));
 *   Http b = new Http(cluster.url(1));
 *   cluster.stop(1);
 * }
 * }</pre>
 */
final class PayaraCluster implements AutoCloseable {
  private static final Duration MEMBERSHIP = Duration.ofSeconds(120);
  private static final Pattern DATA_GRID_SIZE = Pattern.compile("DG Size: (\\d+)");
  private final List<PayaraProcess> nodes;

  private PayaraCluster(List<PayaraProcess> nodes) {
    this.nodes = nodes;
  }

  /**
   * Starts {@code count} nodes and waits until they form one cluster.
   *
   * @param dir where each node's log goes ({@code dir/node<i>/payara.log})
   * @param count the number of nodes
   * @param properties system properties for every node, such as {@code
   *     portcullis.portcullis.grid=jcache} (the override of the main filter's {@code grid})
   * @param environment environment variables added for every node, such as {@code PORTCULLIS_*}
   */
  static PayaraCluster start(
      Path dir, int count, Map<String, String> properties, Map<String, String> environment)
      throws IOException, InterruptedException {
    List<Integer> gridPorts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      gridPorts.add(PayaraProcess.freePort());
    }
    String members = gridPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    List<String> flags = new ArrayList<>();
    properties.forEach((k, v) -> flags.add("-D" + k + "=" + v));
    String name = "portcullis-it-" + UUID.randomUUID();
    List<PayaraProcess> nodes = new ArrayList<>();
    PayaraCluster cluster = new PayaraCluster(nodes);
    try {
      for (int i = 0; i < count; i++) {
        List<String> options =
            List.of(
                "--clustermode",
                "tcpip:" + members,
                "--clustername",
                name,
                "--interfaces",
                "127.0.0.1",
                "--startport",
                Integer.toString(gridPorts.get(i)),
                "--nohostaware",
                "--name",
                "node" + i);
        nodes.add(
            PayaraProcess.launch(
                dir.resolve("node" + i), flags, options, environment, PayaraProcess.freePort(), 0));
      }
      for (PayaraProcess node : nodes) {
        node.awaitReady();
      }
      cluster.awaitMembers(count);
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * Waits until every node's latest data-grid status (which Payara logs at start and on every
   * change of membership) counts {@code count} members.
   */
  private void awaitMembers(int count) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(MEMBERSHIP);
    for (int i = 0; i < nodes.size(); i++) {
      while (members(nodes.get(i).log()) != count) {
        if (Instant.now().isAfter(deadline) || !nodes.get(i).alive()) {
          throw new IllegalStateException("Node " + i + " did not see " + count + " members");
        }
        Thread.sleep(250); // poll interval while the data grid forms
      }
    }
  }

  /** The member count of the last {@code DG Size: n} in a Payara log, or -1. */
  static int members(String log) {
    Matcher m = DATA_GRID_SIZE.matcher(log);
    int size = -1;
    while (m.find()) {
      size = Integer.parseInt(m.group(1));
    }
    return size;
  }

  /**
   * The HTTP port of node {@code i}, on loopback.
   *
   * @param i the node, from 0
   * @return its port
   */
  int httpPort(int i) {
    return nodes.get(i).httpPort;
  }

  /**
   * The base URL of node {@code i}, for {@link Http}.
   *
   * @param i the node, from 0
   * @return {@code http://127.0.0.1:<port>/}
   */
  URL url(int i) throws MalformedURLException {
    return URI.create("http://127.0.0.1:" + httpPort(i) + "/").toURL();
  }

  /**
   * The output of node {@code i} so far.
   *
   * @param i the node
   * @return its log
   */
  String log(int i) throws IOException {
    return nodes.get(i).log();
  }

  /**
   * Stops node {@code i}, as an operator would; the others carry on.
   *
   * @param i the node
   */
  void stop(int i) {
    nodes.get(i).close();
  }

  @Override
  public void close() {
    nodes.forEach(PayaraProcess::close);
  }
}
