package dev.portcullis.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Payara Micro launched as a process, for flags Arquillian's container cannot carry: an HTTPS
 * listener on a free port whose key and trust stores are made by the test, and a pre-boot command
 * that makes the listener ask for client certificates ({@code client-auth=want}; the same command
 * after boot has no effect); or with plain HTTP and an access log, as several nodes on one
 * database.
 */
final class PayaraProcess implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(300);
  private final Process process;
  private final Path log;
  final int httpPort;
  final int httpsPort;

  private PayaraProcess(Process process, Path log, int httpPort, int httpsPort) {
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
  }

  /**
   * Starts the sample WAR at context root {@code /} and waits until Payara Micro reports it ready.
   *
   * @param dir where the pre-boot file and the server log go
   * @param keyStore PKCS#12 store with the server key under alias {@code server}
   * @param trustStore PKCS#12 store of the CAs the TLS layer accepts client certificates from
   * @param properties system properties for the server, such as {@code PORTCULLIS_*} settings
   */
  static PayaraProcess start(
      Path dir, Path keyStore, Path trustStore, int httpPort, Map<String, String> properties)
      throws IOException, InterruptedException {
    int httpsPort = freePort();
    Path preBoot =
        Files.writeString(
            dir.resolve("pre-boot.asadmin"),
            "set configs.config.server-config.network-config.protocols.protocol.https-listener"
                + ".ssl.client-auth=want\n");
    String password = new String(Pki.PASSWORD);
    List<String> command = new ArrayList<>();
    command.add("-Djavax.net.ssl.keyStore=" + keyStore);
    command.add("-Djavax.net.ssl.keyStorePassword=" + password);
    command.add("-Djavax.net.ssl.keyStoreType=PKCS12");
    command.add("-Djavax.net.ssl.trustStore=" + trustStore);
    command.add("-Djavax.net.ssl.trustStorePassword=" + password);
    command.add("-Djavax.net.ssl.trustStoreType=PKCS12");
    command.addAll(
        List.of(
            "--sslport",
            Integer.toString(httpsPort),
            "--sslcert",
            "server",
            "--prebootcommandfile",
            preBoot.toString()));
    return start(dir, command, httpPort, httpsPort, properties);
  }

  /**
   * Starts the sample WAR at context root {@code /} with plain HTTP only, logging requests in
   * {@code dir/access} (Payara's common format, flushed every second).
   */
  static PayaraProcess plain(Path dir, int httpPort, Map<String, String> properties)
      throws IOException, InterruptedException {
    return start(dir, List.of(), httpPort, -1, properties);
  }

  /** The access log lines written so far. */
  List<String> accessLog() throws IOException {
    Path access = log.resolveSibling("access");
    List<String> lines = new ArrayList<>();
    if (Files.isDirectory(access)) {
      try (var files = Files.list(access)) {
        for (Path file : files.sorted().toList()) {
          lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
      }
    }
    return lines;
  }

  /** {@code extra}: JVM flags (before the jar) then Payara Micro flags, split at "--". */
  private static PayaraProcess start(
      Path dir, List<String> extra, int httpPort, int httpsPort, Map<String, String> properties)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    extra.stream().filter(flag -> flag.startsWith("-D")).forEach(command::add);
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(
        List.of(
            "-jar",
            System.getProperty("payara.microJar"),
            "--deploy",
            System.getProperty("sample.war"),
            "--contextroot",
            "/",
            "--port",
            Integer.toString(httpPort),
            "--nocluster"));
    extra.stream().filter(flag -> !flag.startsWith("-D")).forEach(command::add);
    if (httpsPort < 0) {
      Files.createDirectories(dir.resolve("access"));
      command.addAll(
          List.of("--accesslog", dir.resolve("access").toString(), "--accessloginterval", "1"));
    }
    Path log = dir.resolve("payara.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PayaraProcess server = new PayaraProcess(process, log, httpPort, httpsPort);
    server.awaitReady();
    return server;
  }

  /** A port nothing listens on right now. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The server's output so far. */
  String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private void awaitReady() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      String output = log();
      if (output.contains(" ready in ")) {
        if (!output.contains("\"Deployed\"") || output.contains("Exception while loading")) {
          close();
          throw new IllegalStateException("The sample did not deploy; see " + log);
        }
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("Payara Micro exited; see " + log);
      }
      Thread.sleep(250); // poll interval while the server boots
    }
    close();
    throw new IllegalStateException("Payara Micro not ready within " + STARTUP + "; see " + log);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
