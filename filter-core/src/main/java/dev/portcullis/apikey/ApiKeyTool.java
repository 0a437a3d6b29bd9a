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
 *     [--pepper-env NAME]
 *     [--jdbc-url URL --jdbc-user USER --jdbc-password-env NAME [--jdbc-table TABLE]]
 * java -cp filter-core.jar:postgresql.jar dev.portcullis.apikey.ApiKeyTool --revoke KEY_ID
 *     --jdbc-url URL --jdbc-user USER --jdbc-password-env NAME [--jdbc-table TABLE]
 * </pre>
 *
 * <p>The key has the prefix given (default {@code pc_}) and a checksum; the tool also prints the
 * regular expression that finds such keys, for secret scanners (gitleaks, GitHub custom patterns).
 * The key itself is printed once and never logged.
 *
 * <p>With {@code --jdbc-url}, put the JDBC driver jar on the class path too. The database password
 * is read from the named environment variable, never from the command line. Exit status: 0 done, 1
 * database failure or unknown key id, 2 usage error.
 */
public final class ApiKeyTool {
  private static final List<String> OPTIONS =
      List.of(
          "--principal",
          "--scopes",
          "--roles",
          "--expires",
          "--pepper-env",
          "--prefix",
          "--jdbc-url",
          "--jdbc-user",
          "--jdbc-password-env",
          "--jdbc-table",
          "--revoke");
  private static final String USAGE =
      "Usage: ApiKeyTool --principal NAME [--scopes \"a b\"] [--roles x,y]"
          + " [--expires ISO-INSTANT] [--pepper-env ENV_VAR] [--prefix PREFIX]"
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
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!OPTIONS.contains(args[i]) || i + 1 >= args.length || options.containsKey(args[i])) {
        err.println(USAGE);
        return 2;
      }
      options.put(args[i], args[i + 1]);
    }
    if (options.containsKey("--revoke")) {
      if (!options.keySet().stream().allMatch(o -> o.equals("--revoke") || o.startsWith("--jdbc"))
          || !options.containsKey("--jdbc-url")) {
        err.println(USAGE);
        return 2;
      }
      return revoke(options, out, err, env);
    }
    String principal = options.get("--principal");
    if (principal == null || principal.isBlank() || principal.contains(";")) {
      err.println("--principal is required and must not contain ';'");
      return 2;
    }
    String expires = options.get("--expires");
    if (expires != null) {
      try {
        Instant.parse(expires);
      } catch (DateTimeParseException e) {
        err.println("--expires must be an ISO-8601 instant such as 2027-01-01T00:00:00Z");
        return 2;
      }
    }
    ApiKeyHasher hasher = ApiKeyHasher.sha256();
    String pepperEnv = options.get("--pepper-env");
    if (pepperEnv != null) {
      String pepper = env.apply(pepperEnv);
      if (pepper == null || pepper.length() < ApiKeyHasher.MIN_PEPPER_LENGTH) {
        err.println(
            "Environment variable "
                + pepperEnv
                + " must hold a pepper of at least "
                + ApiKeyHasher.MIN_PEPPER_LENGTH
                + " characters");
        return 2;
      }
      hasher = ApiKeyHasher.hmac(pepper);
    }
    String prefix = options.getOrDefault("--prefix", ApiKeyFormat.DEFAULT_PREFIX);
    if (!ApiKeyFormat.PREFIX.matcher(prefix).matches()) {
      err.println("--prefix must be a letter then up to 31 letters, digits, _ or -");
      return 2;
    }
    String key = ApiKeyFormat.generate(prefix);
    String id = new ApiKeyFormat(List.of(prefix)).idOf(key).orElseThrow();
    String scopes = options.getOrDefault("--scopes", "").replace(";", "");
    String roles = options.getOrDefault("--roles", "").replace(";", "");
    if (options.containsKey("--jdbc-url")) {
      ApiKeyRecord record =
          new ApiKeyRecord(
              id,
              hasher.hash(key),
              principal,
              new LinkedHashSet<>(Lists.split(scopes, ' ')),
              new LinkedHashSet<>(Lists.split(roles, ',')),
              expires == null ? null : Instant.parse(expires),
              false);
      return insert(record, key, prefix, options, out, err, env);
    }
    StringBuilder line = new StringBuilder(id).append("=hash=").append(hasher.hash(key));
    line.append(";principal=").append(principal);
    line.append(";scopes=").append(scopes);
    line.append(";roles=").append(roles);
    if (expires != null) {
      line.append(";expires=").append(expires);
    }
    printKey(out, key);
    out.println("Add this line to the key file:");
    out.println(line);
    printPattern(out, prefix);
    return 0;
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
