package dev.portcullis.apikey;

import dev.portcullis.apikey.jdbc.JdbcApiKeyStore;
import dev.portcullis.apikey.jdbc.JdbcApiKeyStoreFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.config.DriverDataSource;
import dev.portcullis.config.Lists;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Generates an API key and prints it once (it is not stored anywhere), with either the line to add
 * to the key file or, given a database, after inserting its record there:
 *
 * <pre>
 * java -cp filter-core.jar dev.portcullis.apikey.ApiKeyTool --principal alice
 *     --scopes "orders:read orders:write" --roles admin [--expires 2027-01-01T00:00:00Z]
 *     [--prefix sk_live_]
 *     [--name "CI deploys"] [--tenant acme] [--environment production] [--meta team=payments]...
 *     [--pepper-env NAME]
 *     [--jdbc-url URL --jdbc-user USER --jdbc-password-env NAME [--jdbc-table TABLE]]
 * java -cp filter-core.jar:postgresql.jar dev.portcullis.apikey.ApiKeyTool --revoke KEY_ID
 *     --jdbc-url URL --jdbc-user USER --jdbc-password-env NAME [--jdbc-table TABLE]
 * </pre>
 *
 * <p>The key has the prefix given (default {@code pc_}) and a checksum; the tool also prints the
 * regular expression that finds such keys, for secret scanners (gitleaks, GitHub custom patterns).
 * The key itself is printed once and never logged. {@code --name}, {@code --tenant}, {@code
 * --environment} and {@code --meta NAME=VALUE} (repeatable) set the key's {@link KeyMetadata}.
 *
 * <p>With {@code --jdbc-url}, put the JDBC driver jar on the class path too. The database password
 * is read from the named environment variable, never from the command line. Exit status: 0 done, 1
 * database failure or unknown key id, 2 usage error.
 */
public final class ApiKeyTool {
  private static final String META = "--meta";
  private static final List<String> OPTIONS =
      List.of(
          "--principal",
          "--scopes",
          "--roles",
          "--expires",
          "--pepper-env",
          "--prefix",
          "--name",
          "--tenant",
          "--environment",
          META,
          "--jdbc-url",
          "--jdbc-user",
          "--jdbc-password-env",
          "--jdbc-table",
          "--revoke");
  private static final String USAGE =
      "Usage: ApiKeyTool --principal NAME [--scopes \"a b\"] [--roles x,y]"
          + " [--expires ISO-INSTANT] [--pepper-env ENV_VAR] [--prefix PREFIX]"
          + " [--name TEXT] [--tenant TEXT] [--environment TEXT] [--meta NAME=VALUE]..."
          + " [--jdbc-url URL --jdbc-user USER --jdbc-password-env ENV_VAR [--jdbc-table T]]\n"
          + "       ApiKeyTool --revoke KEY_ID --jdbc-url URL --jdbc-user USER"
          + " --jdbc-password-env ENV_VAR [--jdbc-table T]";

  private ApiKeyTool() {}

  /**
   * Runs the tool.
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err, System::getenv);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err, UnaryOperator<String> env) {
    List<String> meta = new ArrayList<>();
    Map<String, String> options = options(args, meta);
    if (options == null) {
      err.println(USAGE);
      return 2;
    }
    if (options.containsKey("--revoke")) {
      if (!options.keySet().stream().allMatch(o -> o.equals("--revoke") || o.startsWith("--jdbc"))
          || !options.containsKey("--jdbc-url")) {
        err.println(USAGE);
        return 2;
      }
      return revoke(options, out, err, env);
    }
    KeyMetadata metadata;
    try {
      check(options, env);
      metadata = metadata(options, meta);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    ApiKeyHasher hasher = hasher(options.get("--pepper-env"), env);
    String prefix = options.getOrDefault("--prefix", ApiKeyFormat.DEFAULT_PREFIX);
    String expires = options.get("--expires");
    String key = ApiKeyFormat.generate(prefix);
    ApiKeyRecord record =
        new ApiKeyRecord(
            new ApiKeyFormat(List.of(prefix)).idOf(key).orElseThrow(),
            hasher.hash(key),
            options.get("--principal"),
            new LinkedHashSet<>(
                Lists.split(options.getOrDefault("--scopes", "").replace(";", ""), ' ')),
            new LinkedHashSet<>(
                Lists.split(options.getOrDefault("--roles", "").replace(";", ""), ',')),
            expires == null ? null : Instant.parse(expires),
            false,
            metadata);
    if (options.containsKey("--jdbc-url")) {
      return insert(record, key, prefix, options, out, err, env);
    }
    printKey(out, key);
    out.println("Add this line to the key file:");
    out.println(ApiKeyFile.line(record));
    printPattern(out, prefix);
    return 0;
  }

  /** The options by name ({@code --meta} values also in {@code meta}); null for a usage error. */
  private static Map<String, String> options(String[] args, List<String> meta) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!OPTIONS.contains(args[i])
          || i + 1 >= args.length
          || (options.containsKey(args[i]) && !args[i].equals(META))) {
        return null;
      }
      options.put(args[i], args[i + 1]);
      if (args[i].equals(META)) {
        meta.add(args[i + 1]);
      }
    }
    return options;
  }

  /** Refuses a missing principal, a malformed expiry or prefix, and a short pepper. */
  private static void check(Map<String, String> options, UnaryOperator<String> env) {
    String principal = options.get("--principal");
    if (principal == null || principal.isBlank() || principal.contains(";")) {
      throw new IllegalArgumentException("--principal is required and must not contain ';'");
    }
    if (options.containsKey("--expires")) {
      try {
        Instant.parse(options.get("--expires"));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--expires must be an ISO-8601 instant such as 2027-01-01T00:00:00Z", e);
      }
    }
    String pepperEnv = options.get("--pepper-env");
    if (pepperEnv != null
        && (env.apply(pepperEnv) == null
            || env.apply(pepperEnv).length() < ApiKeyHasher.MIN_PEPPER_LENGTH)) {
      throw new IllegalArgumentException(
          "Environment variable "
              + pepperEnv
              + " must hold a pepper of at least "
              + ApiKeyHasher.MIN_PEPPER_LENGTH
              + " characters");
    }
    if (!ApiKeyFormat.PREFIX
        .matcher(options.getOrDefault("--prefix", ApiKeyFormat.DEFAULT_PREFIX))
        .matches()) {
      throw new IllegalArgumentException(
          "--prefix must be a letter then up to 31 letters, digits, _ or -");
    }
  }

  /** SHA-256, or HMAC with the pepper in {@code pepperEnv} ({@link #check checked}). */
  private static ApiKeyHasher hasher(String pepperEnv, UnaryOperator<String> env) {
    return pepperEnv == null ? ApiKeyHasher.sha256() : ApiKeyHasher.hmac(env.apply(pepperEnv));
  }

  /** The metadata of {@code --name}, {@code --tenant}, {@code --environment} and {@code --meta}. */
  private static KeyMetadata metadata(Map<String, String> options, List<String> meta) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (String pair : meta) {
      int eq = pair.indexOf('=');
      if (eq < 0 || entries.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
        throw new IllegalArgumentException(
            META
                + " takes NAME=VALUE, each NAME once: ["
                + pair.substring(0, Math.max(eq, 0))
                + "]");
      }
    }
    return new KeyMetadata(
        options.get("--name"), options.get("--tenant"), options.get("--environment"), entries);
  }

  private static void printPattern(PrintStream out, String prefix) {
    out.println();
    out.println("Secret scanner pattern (gitleaks regex, GitHub custom pattern):");
    out.println(ApiKeyFormat.scannerPattern(prefix));
  }

  private static void printKey(PrintStream out, String key) {
    out.println("API key (shown only now; give it to the client and do not store it):");
    out.println(key);
    out.println();
  }

  private static int insert(
      ApiKeyRecord record,
      String key,
      String prefix,
      Map<String, String> options,
      PrintStream out,
      PrintStream err,
      UnaryOperator<String> env) {
    try (JdbcApiKeyStore store = store(options, env)) {
      store.add(record);
    } catch (IllegalArgumentException | ConfigurationException e) {
      err.println(e.getMessage());
      return 2;
    } catch (SQLException e) {
      err.println("Could not insert the key: " + e.getMessage());
      return 1;
    }
    printKey(out, key);
    out.println("Stored key id " + record.id() + " for principal " + record.principal());
    printPattern(out, prefix);
    return 0;
  }

  private static int revoke(
      Map<String, String> options, PrintStream out, PrintStream err, UnaryOperator<String> env) {
    String id = options.get("--revoke");
    try (JdbcApiKeyStore store = store(options, env)) {
      if (!store.revoke(id)) {
        err.println("No key with id " + id);
        return 1;
      }
    } catch (IllegalArgumentException | ConfigurationException e) {
      err.println(e.getMessage());
      return 2;
    } catch (SQLException e) {
      err.println("Could not revoke the key: " + e.getMessage());
      return 1;
    }
    out.println("Revoked key id " + id);
    return 0;
  }

  /** A store on a plain JDBC connection; no last-used writer. */
  private static JdbcApiKeyStore store(Map<String, String> options, UnaryOperator<String> env) {
    String url = options.get("--jdbc-url");
    String user = options.get("--jdbc-user");
    String passwordEnv = options.get("--jdbc-password-env");
    if (user == null || passwordEnv == null || env.apply(passwordEnv) == null) {
      throw new IllegalArgumentException(
          "--jdbc-user and --jdbc-password-env (naming a set environment variable) are required");
    }
    DataSource dataSource = DriverDataSource.of(url, user, env.apply(passwordEnv));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("apiKey." + JdbcApiKeyStoreFactory.LAST_USED_FLUSH_INTERVAL, "0s");
    if (options.containsKey("--jdbc-table")) {
      settings.put("apiKey." + JdbcApiKeyStoreFactory.TABLE, options.get("--jdbc-table"));
    }
    return JdbcApiKeyStore.create(
        dataSource, Config.of(settings, name -> null).child("apiKey"), Clock.systemUTC());
  }
}
