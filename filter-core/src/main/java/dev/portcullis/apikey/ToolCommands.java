package dev.portcullis.apikey;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key tool's lifecycle commands on a store: {@code --list}, {@code --rotate}, {@code --expire},
 * {@code --disable}, {@code --enable} and {@code --revoke}. A listing prints no hash and no key; a
 * rotation prints the new key once.
 */
final class ToolCommands {
  /** The grace period of a rotation without {@code --grace}. */
  static final Duration DEFAULT_GRACE = Duration.ofDays(7);

  /** The word {@code --expire ID never} takes to clear an expiry. */
  static final String NEVER = "never";

  private ToolCommands() {}

  /** Runs one command; exit status 0 done, 1 unknown key id. */
  static int run(String command, Map<String, String> options, KeyLifecycle keys, PrintStream out)
      throws KeyStoreAccessException {
    String id = options.get(command);
    return switch (command) {
      case "--list" -> list(keys, out);
      case "--rotate" -> rotate(id, grace(options), options, keys, out);
      case "--expire" -> report(keys.expire(id, expiry(options)), expired(id, options), out);
      case "--disable" -> report(keys.disable(id, true), "Disabled key id " + id, out);
      case "--enable" -> report(keys.disable(id, false), "Enabled key id " + id, out);
      default -> report(keys.revoke(id), "Revoked key id " + id, out);
    };
  }

  /** The time of {@code --expire ID TIME}: an ISO-8601 instant or {@code never}. */
  static Instant expiry(Map<String, String> options) {
    String time = options.get(ApiKeyTool.EXPIRE_TIME);
    return time.equals(NEVER) ? null : Instant.parse(time);
  }

  /** The {@code --grace} duration, for example {@code 7d} or {@code PT12H}. */
  static Duration grace(Map<String, String> options) {
    String grace = options.get("--grace");
    return grace == null ? DEFAULT_GRACE : KeyLifecycle.grace(grace);
  }

  private static String expired(String id, Map<String, String> options) {
    Instant at = expiry(options);
    return at == null ? "Key id " + id + " never expires" : "Key id " + id + " expires at " + at;
  }

  private static int report(Optional<ApiKeyRecord> changed, String message, PrintStream out) {
    if (changed.isEmpty()) {
      return 1;
    }
    out.println(message);
    return 0;
  }

  private static int rotate(
      String id, Duration grace, Map<String, String> options, KeyLifecycle keys, PrintStream out)
      throws KeyStoreAccessException {
    Optional<KeyLifecycle.Created> created = keys.rotate(id, grace);
    if (created.isEmpty()) {
      return 1;
    }
    ApiKeyTool.printKey(out, created.get().key());
    Instant oldExpiry = keys.record(id).map(ApiKeyRecord::expiresAt).orElse(null);
    out.println(
        "Rotated key id "
            + id
            + ": new key id "
            + created.get().record().id()
            + "; key id "
            + id
            + " expires at "
            + oldExpiry);
    ApiKeyTool.printPattern(out, options.getOrDefault("--prefix", ApiKeyFormat.DEFAULT_PREFIX));
    return 0;
  }

  private static int list(KeyLifecycle keys, PrintStream out) throws KeyStoreAccessException {
    out.println("id\tname\tprincipal\tstate\tcreated\texpires\tlastUsed\tscopes\troles");
    Instant now = keys.now();
    String after = null;
    List<KeyListing> page;
    do {
      page = keys.list(after, KeyLifecycle.MAX_PAGE);
      for (KeyListing key : page) {
        ApiKeyRecord r = key.record();
        out.println(
            String.join(
                "\t",
                r.id(),
                r.metadata().name() == null ? "-" : r.metadata().name(),
                r.principal(),
                key.state(now).label(),
                text(key.created()),
                text(r.expiresAt()),
                text(key.lastUsed()),
                String.join(" ", r.scopes()),
                String.join(",", r.roles())));
        after = r.id();
      }
    } while (page.size() == KeyLifecycle.MAX_PAGE);
    return 0;
  }

  private static String text(Instant instant) {
    return instant == null ? "-" : instant.toString();
  }
}
