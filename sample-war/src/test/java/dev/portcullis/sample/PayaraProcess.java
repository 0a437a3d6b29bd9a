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
 * after boot has no effect).
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
    List<String> flags = new ArrayList<>();
    flags.add("-Djavax.net.ssl.keyStore=" + keyStore);
    flags.add("-Djavax.net.ssl.keyStorePassword=" + password);
    flags.add("-Djavax.net.ssl.keyStoreType=PKCS12");
    flags.add("-Djavax.net.ssl.trustStore=" + trustStore);
    flags.add("-Djavax.net.ssl.trustStorePassword=" + password);
    flags.add("-Djavax.net.ssl.trustStoreType=PKCS12");
    properties.forEach((k, v) -> flags.add("-D" + k + "=" + v));
    PayaraProcess server =
        launch(
            dir,
            flags,
            List.of(
                "--sslport",
                Integer.toString(httpsPort),
                "--sslcert",
                "server",
                "--prebootcommandfile",
                preBoot.toString(),
                "--nocluster"),
            Map.of(),
            httpPort,
            httpsPort);
    server.awaitReady();
    return server;
  }

  /**
   * Launches Payara Micro with the sample WAR at context root {@code /} on {@code httpPort},
   * without waiting for it; its output goes to {@code dir/payara.log}.
   *
   * @param jvmFlags flags for the server's JVM, such as {@code -Dname=value}
   * @param options Payara Micro options after {@code --deploy}, {@code --contextroot} and {@code
   *     --port}
   * @param environment variables added to the server's environment
   * @param httpsPort the HTTPS port the options name, or 0
   */
  static PayaraProcess launch(
      Path dir,
      List<String> jvmFlags,
      List<String> options,
      Map<String, String> environment,
      int httpPort,
      int httpsPort)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(jvmFlags);
    command.addAll(
        List.of(
            "-jar",
            System.getProperty("payara.microJar"),
            "--deploy",
            System.getProperty("sample.war"),
            "--contextroot",
            "/",
            "--port",
            Integer.toString(httpPort)));
    command.addAll(options);
    Files.createDirectories(dir);
    Path log = dir.resolve("payara.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.redirectOutput(log.toFile()).start();
    return new PayaraProcess(process, log, httpPort, httpsPort);
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

  /** Waits until the server reports the sample deployed; throws when it will not be. */
  void awaitReady() throws IOException, InterruptedException {
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

  /** Whether the server process is still running. */
  boolean alive() {
    return process.isAlive();
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
