package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.apikey.ApiKeyBuilder;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.MechanismSettings;
import dev.portcullis.introspection.IntrospectionBuilder;
import dev.portcullis.jwt.JwtBuilder;
import dev.portcullis.limit.LimitStageFactory;
import dev.portcullis.mtls.MtlsBuilder;
import dev.portcullis.ratelimit.RateLimitBuilder;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every key of every mechanism on the class path (as its factory's {@link
 * AuthenticatorFactory#settings()} lists them) is in the configuration tables of the docs, and
 * every key the tables name exists.
 */
class ConfigurationKeysTest {
  /** The table of old key names, which are not keys any more. */
  private static final String RENAMED_HEADING = "## Renamed keys";

  private static final Pattern TABLE_KEY = Pattern.compile("`([a-z][A-Za-z]*)\\.([A-Za-z]+)`");

  private static Map<String, Set<String>> keys;
  private static String tables;

  @BeforeAll
  static void read() throws IOException {
    keys = new TreeMap<>();
    for (AuthenticatorFactory f : ServiceLoader.load(AuthenticatorFactory.class)) {
      keys.put(f.name(), new TreeSet<>(f.settings()));
    }
    for (LimitStageFactory f : ServiceLoader.load(LimitStageFactory.class)) {
      keys.put(f.name(), new TreeSet<>(f.settings()));
    }
    tables = tableRows(docs());
  }

  @Test
  void factoriesWhenLoadedThenEveryMechanismListsItsKeys() {
    assertThat(keys).containsOnlyKeys("apiKey", "introspection", "jwt", "mtls", "rateLimit");
    assertThat(keys.values()).allSatisfy(k -> assertThat(k).isNotEmpty());
  }

  @Test
  void factoriesWhenReflectedThenEveryKeyConstantIsListed() throws Exception {
    Map<String, List<String>> holders =
        Map.of(
            "apiKey",
            List.of(
                "dev.portcullis.apikey.ApiKeyAuthenticatorFactory",
                "dev.portcullis.apikey.FileApiKeyStoreFactory",
                "dev.portcullis.apikey.jdbc.JdbcApiKeyStoreFactory"),
            "introspection",
            List.of("dev.portcullis.introspection.IntrospectionAuthenticatorFactory"),
            "jwt",
            List.of(
                "dev.portcullis.jwt.JwtAuthenticatorFactory", "dev.portcullis.jwt.IssuerSettings"),
            "mtls",
            List.of("dev.portcullis.mtls.MtlsAuthenticatorFactory"),
            "rateLimit",
            List.of("dev.portcullis.ratelimit.RateLimitStageFactory"));
    for (Map.Entry<String, List<String>> e : holders.entrySet()) {
      Set<String> constants = new TreeSet<>();
      for (String holder : e.getValue()) {
        constants.addAll(keyConstants(Class.forName(holder)));
      }
      assertThat(keys.get(e.getKey())).as(e.getKey()).containsAll(constants);
    }
  }

  /**
   * The values of the static final String fields that name keys: all but the mechanism name,
   * defaults and identity attribute names.
   */
  private static Set<String> keyConstants(Class<?> holder) throws IllegalAccessException {
    Set<String> values = new TreeSet<>();
    for (Field f : holder.getDeclaredFields()) {
      int m = f.getModifiers();
      String n = f.getName();
      if (Modifier.isStatic(m)
          && Modifier.isFinal(m)
          && !Modifier.isPrivate(m)
          && f.getType() == String.class
          && !n.equals("NAME")
          && !n.startsWith("DEFAULT_")
          && !n.endsWith("_ATTRIBUTE")) {
        f.setAccessible(true);
        String value = (String) f.get(null);
        if (value.matches("[a-z][A-Za-z]*")) {
          values.add(value);
        }
      }
    }
    return values;
  }

  @Test
  void buildersWhenReflectedThenMethodsAreExactlyTheKeys() {
    Map<String, Class<?>> builders =
        Map.of(
            "apiKey", ApiKeyBuilder.class,
            "introspection", IntrospectionBuilder.class,
            "jwt", JwtBuilder.class,
            "mtls", MtlsBuilder.class,
            "rateLimit", RateLimitBuilder.class);
    builders.forEach(
        (mechanism, builder) -> {
          Set<String> methods = new TreeSet<>();
          for (Method m : builder.getMethods()) {
            if (m.getDeclaringClass() != Object.class
                && m.getDeclaringClass() != MechanismSettings.class) {
              methods.add(m.getName());
            }
          }
          assertThat(methods).as(mechanism).isEqualTo(keys.get(mechanism));
        });
  }

  @Test
  void builderWhenKeysSetThenParamsArePrefixedAndTyped() {
    JwtBuilder jwt =
        new JwtBuilder()
            .issuer("https://idp.example/")
            .audience("orders", "billing")
            .cacheTtl(Duration.ofMinutes(2))
            .cacheMaximumSize(500)
            .allowMissingType(true);

    assertThat(jwt.params())
        .containsExactly(
            Map.entry("jwt.issuer", "https://idp.example/"),
            Map.entry("jwt.audience", "orders,billing"),
            Map.entry("jwt.cacheTtl", "PT2M"),
            Map.entry("jwt.cacheMaximumSize", "500"),
            Map.entry("jwt.allowMissingType", "true"));
    assertThatThrownBy(() -> jwt.cacheTtl(Duration.ofMinutes(3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Setting jwt.cacheTtl was already set");
  }

  @Test
  void docsWhenReadThenEveryKeyIsInATable() {
    List<String> missing = new ArrayList<>();
    keys.forEach(
        (mechanism, names) ->
            names.stream()
                .map(name -> mechanism + "." + name)
                .filter(key -> !tables.contains("`" + key + "`"))
                .forEach(missing::add));
    assertThat(missing).isEmpty();
  }

  @Test
  void docsWhenReadThenEveryTabledKeyExists() {
    List<String> unknown = new ArrayList<>();
    Matcher m = TABLE_KEY.matcher(tables);
    while (m.find()) {
      Set<String> names = keys.get(m.group(1));
      if (names != null && !names.contains(m.group(2))) {
        unknown.add(m.group());
      }
    }
    assertThat(unknown).isEmpty();
  }

  /** The configuration page, or the README before it existed. */
  private static List<Path> docs() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    Path configuration = root.resolve("docs/configuration.md");
    if (!Files.exists(configuration)) {
      return List.of(root.resolve("README.md"));
    }
    return List.of(configuration);
  }

  private static String tableRows(List<Path> files) throws IOException {
    StringBuilder rows = new StringBuilder();
    for (Path file : files) {
      boolean renamed = false;
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith("#")) {
          renamed = line.equals(RENAMED_HEADING);
        } else if (line.startsWith("|") && !renamed) {
          rows.append(line).append('\n');
        }
      }
    }
    return rows.toString();
  }
}
