package dev.portcullis.apikey;

import dev.portcullis.config.ConfigurationException;
import dev.portcullis.config.Lists;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Generates an API key and prints it once (it is not stored anywhere), with either the line to add
 * to the key file or, given a store, after adding its record there; and changes keys in a store:
 *
 * <pre>
 * java -cp filter-core.jar dev.portcullis.apikey.ApiKeyTool --principal alice
 *     --scopes "orders:read orders:write" --roles admin [--expires 2027-01-01T00:00:00Z]
 *     [--prefix sk_live_] [--pepper-env NAME] [--name TEXT] [--tenant TEXT]
 *     [--environment TEXT] [--meta NAME=VALUE]... [STORE]
 * java -cp filter-core.jar dev.portcullis.apikey.ApiKeyTool --list STORE
 * java -cp ... ApiKeyTool --rotate KEY_ID [--grace 7d] [--prefix P] [--pepper-env NAME] STORE
 * java -cp ... ApiKeyTool --expire KEY_ID 2027-01-01T00:00:00Z|never STORE
 * java -cp ... ApiKeyTool --disable KEY_ID | --enable KEY_ID | --revoke KEY_ID STORE
 *
 * STORE: --file PATH | --jdbc-url URL --jdbc-user USER --jdbc-password-env NAME [--jdbc-table T]
 * </pre>
 *
 * <p>The key has the prefix given (default {@code pc_}) and a checksum; the tool also prints the
 * regular expression that finds such keys, for secret scanners (gitleaks, GitHub custom patterns).
 * The key itself is printed once and never logged; {@code --list} prints no hash and no key. A
 * rotation makes a new key with the same grants and lets the old one work for the grace period.
 * {@code --name}, {@code --tenant}, {@code --environment} and {@code --meta NAME=VALUE}
 * (repeatable) set the key's {@link KeyMetadata}.
 *
 * <p>With {@code --jdbc-url}, put the JDBC driver jar on the class path too. The database password
 * is read from the named environment variable, never from the command line. Exit status: 0 done, 1
 * store failure or unknown key id, 2 usage error.
 */
public final class ApiKeyTool {
  /** The internal option holding the time of {@code --expire ID TIME}. */
  static final String EXPIRE_TIME = "--expire TIME";

  private static final Set<String> COMMANDS =
      Set.of("--list", "--rotate", "--expire", "--disable", "--enable", "--revoke");
  private static final Set<String> STORE_OPTIONS =
      Set.of("--file", "--jdbc-url", "--jdbc-user", "--jdbc-password-env", "--jdbc-table");
  private static final String META = "--meta";
  private static final Set<String> CREATE_OPTIONS =
      Set.of(
          "--principal",
          "--scopes",
          "--roles",
          "--expires",
          "--name",
          "--tenant",
          "--environment",
          META);
  private static final Set<String> VALUE_OPTIONS =
      Set.of(
          "--pepper-env", "--prefix", "--grace", "--rotate", "--disable", "--enable", "--revoke");
  private static final String USAGE =
      "Usage: ApiKeyTool --principal NAME [--scopes \"a b\"] [--roles x,y]"
          + " [--expires ISO-INSTANT] [--pepper-env ENV_VAR] [--prefix PREFIX]"
          + " [--name TEXT] [--tenant TEXT] [--environment TEXT] [--meta NAME=VALUE]... [STORE]\n"
          + "       ApiKeyTool --list STORE\n"
          + "       ApiKeyTool --rotate KEY_ID [--grace 7d] [--prefix PREFIX]"
          + " [--pepper-env ENV_VAR] STORE\n"
          + "       ApiKeyTool --expire KEY_ID ISO-INSTANT|never STORE\n"
          + "       ApiKeyTool --disable KEY_ID | --enable KEY_ID | --revoke KEY_ID STORE\n"
          + "STORE: --file PATH | --jdbc-url URL --jdbc-user USER"
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
    Map<String, String> options = parse(args, meta);
    List<String> commands = options.keySet().stream().filter(COMMANDS::contains).toList();
    if (options.isEmpty()
        || commands.size() > 1
        || (!commands.isEmpty()
            && (!ToolStore.named(options)
                || options.keySet().stream().anyMatch(CREATE_OPTIONS::contains)))) {
      err.println(USAGE);
      return 2;
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
    if (!commands.isEmpty()) {
      String command = commands.get(0);
      return withStore(
          options, err, env, prefix, hasher, keys -> ToolCommands.run(command, options, keys, out));
    }
    KeyMetadata metadata;
    try {
      metadata = metadata(options, meta);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    return create(options, metadata, out, err, env, prefix, hasher);
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

  /** The options and their values ({@code --meta} values in {@code meta}); empty when unusable. */
  private static Map<String, String> parse(String[] args, List<String> meta) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      int values =
          option.equals("--list")
              ? 0
              : option.equals("--expire") ? 2 : isValueOption(option) ? 1 : -1;
      if (values < 0
          || i + values >= args.length
          || (options.containsKey(option) && !option.equals(META))) {
        return Map.of();
      }
      options.put(option, values == 0 ? "" : args[i + 1]);
      if (option.equals(META)) {
        meta.add(args[i + 1]);
      }
      if (values == 2) {
        options.put(EXPIRE_TIME, args[i + 2]);
      }
      i += values;
    }
    return options;
  }

  private static boolean isValueOption(String option) {
    return VALUE_OPTIONS.contains(option)
        || STORE_OPTIONS.contains(option)
        || CREATE_OPTIONS.contains(option);
  }

  private static int create(
      Map<String, String> options,
      KeyMetadata metadata,
      PrintStream out,
      PrintStream err,
      UnaryOperator<String> env,
      String prefix,
      ApiKeyHasher hasher) {
    String principal = options.get("--principal");
    if (principal == null
        || principal.isBlank()
        || principal.contains(";")
        || principal.chars().anyMatch(Character::isISOControl)) {
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
    Set<String> scopes =
        new LinkedHashSet<>(
            Lists.split(options.getOrDefault("--scopes", "").replace(";", ""), ' '));
    Set<String> roles =
        new LinkedHashSet<>(Lists.split(options.getOrDefault("--roles", "").replace(";", ""), ','));
    Instant expiry = expires == null ? null : Instant.parse(expires);
    if (ToolStore.named(options)) {
      return withStore(
          options,
          err,
          env,
          prefix,
          hasher,
          keys -> {
            KeyLifecycle.Created created = keys.create(principal, scopes, roles, expiry, metadata);
            printKey(out, created.key());
            out.println("Stored key id " + created.record().id() + " for principal " + principal);
            printPattern(out, prefix);
            return 0;
          });
    }
    String key = ApiKeyFormat.generate(prefix);
    String id = new ApiKeyFormat(List.of(prefix)).idOf(key).orElseThrow();
    ApiKeyRecord record =
        new ApiKeyRecord(id, hasher.hash(key), principal, scopes, roles, expiry, false, metadata);
    printKey(out, key);
    out.println("Add this line to the key file:");
    out.println(ApiKeyFile.line(id, ApiKeyFile.fields(record, Map.of())));
    printPattern(out, prefix);
    return 0;
  }

  /** Something the tool does with the keys of a store; returns the exit status. */
  @FunctionalInterface
  private interface StoreAction {
    int run(KeyLifecycle keys) throws KeyStoreAccessException;
  }

  private static int withStore(
      Map<String, String> options,
      PrintStream err,
      UnaryOperator<String> env,
      String prefix,
      ApiKeyHasher hasher,
      StoreAction action) {
    try (ManagedApiKeyStore store = ToolStore.open(options, env)) {
      KeyLifecycle keys =
          new KeyLifecycle(
              store,
              new ApiKeyFormat(List.of(prefix)),
              prefix,
              hasher,
              Clock.systemUTC(),
              KeyInvalidation.local());
      int status = action.run(keys);
      if (status == 1) {
        String command = options.keySet().stream().filter(COMMANDS::contains).findFirst().get();
        err.println("No key with id " + options.get(command));
      }
      return status;
    } catch (IllegalArgumentException | ConfigurationException | DateTimeParseException e) {
      err.println(e instanceof DateTimeParseException ? USAGE : e.getMessage());
      return 2;
    } catch (KeyStoreAccessException | IOException e) {
      err.println("Could not change the keys: " + e.getMessage());
      return 1;
    }
  }

  static void printPattern(PrintStream out, String prefix) {
    out.println();
    out.println("Secret scanner pattern (gitleaks regex, GitHub custom pattern):");
    out.println(ApiKeyFormat.scannerPattern(prefix));
  }

  static void printKey(PrintStream out, String key) {
    out.println("API key (shown only now; give it to the client and do not store it):");
    out.println(key);
    out.println();
  }
}
