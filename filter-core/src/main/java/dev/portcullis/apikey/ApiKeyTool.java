package dev.portcullis.apikey;

import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates an API key: prints the key once (it is not stored anywhere) and the line to add to the
 * key file. Run it with {@code java -cp filter-core.jar dev.portcullis.apikey.ApiKeyTool
 * --principal alice --scopes "orders:read orders:write" --roles admin [--expires
 * 2027-01-01T00:00:00Z] [--pepper-env NAME]}.
 */
public final class ApiKeyTool {
  private static final List<String> OPTIONS =
      List.of("--principal", "--scopes", "--roles", "--expires", "--pepper-env");

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

  static int run(
      String[] args,
      PrintStream out,
      PrintStream err,
      java.util.function.UnaryOperator<String> env) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!OPTIONS.contains(args[i]) || i + 1 >= args.length || options.containsKey(args[i])) {
        err.println(
            "Usage: ApiKeyTool --principal NAME [--scopes \"a b\"] [--roles x,y]"
                + " [--expires ISO-INSTANT] [--pepper-env ENV_VAR]");
        return 2;
      }
      options.put(args[i], args[i + 1]);
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
    String key = ApiKeyFormat.generate();
    String id = ApiKeyFormat.idOf(key).orElseThrow();
    StringBuilder line = new StringBuilder(id).append("=hash=").append(hasher.hash(key));
    line.append(";principal=").append(principal);
    line.append(";scopes=").append(options.getOrDefault("--scopes", "").replace(";", ""));
    line.append(";roles=").append(options.getOrDefault("--roles", "").replace(";", ""));
    if (expires != null) {
      line.append(";expires=").append(expires);
    }
    out.println("API key (shown only now; give it to the client and do not store it):");
    out.println(key);
    out.println();
    out.println("Add this line to the key file:");
    out.println(line);
    return 0;
  }
}
