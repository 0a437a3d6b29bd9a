package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.admin.LeakedKeyServlet;
import dev.portcullis.apikey.ApiKeyBuilder;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.MechanismSettings;
import dev.portcullis.dpop.DpopBuilder;
import dev.portcullis.dpop.DpopSettings;
import dev.portcullis.introspection.IntrospectionBuilder;
import dev.portcullis.jwt.JwtBuilder;
import dev.portcullis.limit.LimitStageFactory;
import dev.portcullis.mtls.MtlsBuilder;
import dev.portcullis.quota.QuotaBuilder;
import dev.portcullis.ratelimit.RateLimitBuilder;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.AuthenticationFilterBuilder;
import dev.portcullis.web.ProtectedResourceMetadataServlet;
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
 * AuthenticatorFactory#settings()} lists them), of the limit stages, of the filter itself (core and
 * {@code dpop.}) and of the servlets is in the configuration page, every key the tables name
 * exists, and each typed builder has exactly one method per key.
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
      if (shipped(f)) {
        keys.put(f.name(), new TreeSet<>(f.settings()));
      }
    }
    for (LimitStageFactory f : ServiceLoader.load(LimitStageFactory.class)) {
      if (shipped(f)) {
        keys.put(f.name(), new TreeSet<>(f.settings()));
      }
    }
    tables = tableRows(docs());
  }

  /**
   * Whether a factory ships in a module's main jar: filter-core's test jar (on this class path for
   * its DPoP proof maker) registers fake factories that no user ever meets.
   */
  private static boolean shipped(Object factory) {
    String location =
        factory.getClass().getProtectionDomain().getCodeSource().getLocation().toString();
    return !location.endsWith("-tests.jar") && !location.contains("/test-classes/");
  }

  @Test
  void factoriesWhenLoadedThenEveryMechanismListsItsKeys() {
    assertThat(keys)
        .containsOnlyKeys("apiKey", "introspection", "jwt", "mtls", "quota", "rateLimit");
    assertThat(keys.values()).allSatisfy(k -> assertThat(k).isNotEmpty());
  }

  @Test
  void factoriesWhenReflectedThenEveryKeyConstantIsListed() throws Exception {
    Map<String, List<String>> holders =
        Map.of(
            "apiKey",
            List.of(
                "dev.portcullis.apikey.ApiKeyAuthenticatorFactory",
                "dev.portcullis.apikey.EphemeralKeySettings",
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
            List.of("dev.portcullis.ratelimit.RateLimitStageFactory"),
            "quota",
            List.of("dev.portcullis.quota.QuotaSettings"));
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
    return keyConstants(holder, false);
  }

  /** As above; {@code dotted} also takes keys with a dot, such as {@code grid.onLoss}. */
  private static Set<String> keyConstants(Class<?> holder, boolean dotted)
      throws IllegalAccessException {
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
        if (value.matches(dotted ? "[a-z][A-Za-z]*(\\.[a-z][A-Za-z]*)?" : "[a-z][A-Za-z]*")) {
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
            "rateLimit", RateLimitBuilder.class,
            "quota", QuotaBuilder.class);
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
  void buildersWhenEachMethodIsCalledThenItSetsTheKeyOfItsOwnName() throws Exception {
    List<Class<? extends MechanismSettings<?>>> builders =
        List.of(
            ApiKeyBuilder.class,
            IntrospectionBuilder.class,
            JwtBuilder.class,
            MtlsBuilder.class,
            RateLimitBuilder.class,
            QuotaBuilder.class,
            DpopBuilder.class);
    List<String> wrong = new ArrayList<>();
    for (Class<? extends MechanismSettings<?>> type : builders) {
      for (Method m : type.getMethods()) {
        if (m.getDeclaringClass() == Object.class
            || m.getDeclaringClass() == MechanismSettings.class) {
          continue;
        }
        MechanismSettings<?> builder = type.getConstructor().newInstance();
        m.invoke(builder, sample(m.getParameterTypes()[0]));
        Set<String> set = builder.params().keySet();
        if (!set.equals(Set.of(builder.mechanism() + "." + m.getName()))) {
          wrong.add(type.getSimpleName() + "." + m.getName() + " sets " + set);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  /** A value of a builder method's parameter type that every builder accepts. */
  private static Object sample(Class<?> type) {
    if (type == String[].class) {
      return new String[] {"value"};
    }
    if (type == Duration.class) {
      return Duration.ofSeconds(1);
    }
    if (type == int.class) {
      return 429;
    }
    if (type == long.class) {
      return 429L;
    }
    if (type == boolean.class) {
      return true;
    }
    return "value";
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

  @Test
  void coreKeysWhenReflectedThenFilterBuilderHasAMethodPerKeyAndTheTableListsThem()
      throws Exception {
    Set<String> core = keyConstants(AuthenticationFilter.class, true);
    Set<String> methods = new TreeSet<>();
    for (Method m : AuthenticationFilterBuilder.class.getMethods()) {
      methods.add(m.getName());
    }
    assertThat(core).contains("mechanisms", "grid", "grid.onLoss");
    for (String key : core) {
      assertThat(methods).as(key).contains(builderMethod(key));
      assertThat(tables).as(key).contains("| `" + key + "` |");
    }
  }

  @Test
  void dpopKeysWhenReflectedThenListedInBuilderAndTable() throws Exception {
    Set<String> listed = new TreeSet<>(DpopSettings.KEYS);
    Set<String> constants = keyConstants(DpopSettings.class, false);
    constants.remove(DpopSettings.PREFIX);
    assertThat(listed).isEqualTo(constants);
    Set<String> methods = new TreeSet<>();
    for (Method m : DpopBuilder.class.getMethods()) {
      if (m.getDeclaringClass() != Object.class
          && m.getDeclaringClass() != MechanismSettings.class) {
        methods.add(m.getName());
      }
    }
    assertThat(methods).isEqualTo(listed);
    List<String> missing = new ArrayList<>();
    for (String key : listed) {
      if (!tables.contains("`" + DpopSettings.PREFIX + "." + key + "`")) {
        missing.add(key);
      }
    }
    assertThat(missing).isEmpty();
    Matcher m = TABLE_KEY.matcher(tables);
    while (m.find()) {
      if (m.group(1).equals(DpopSettings.PREFIX)) {
        assertThat(listed).as(m.group()).contains(m.group(2));
      }
    }
  }

  @Test
  void servletInitParamsWhenReflectedThenNamedOnTheConfigurationPage() throws Exception {
    String page = Files.readString(docs().get(0));
    for (Class<?> servlet :
        List.of(ProtectedResourceMetadataServlet.class, LeakedKeyServlet.class)) {
      for (String param : keyConstants(servlet, false)) {
        assertThat(page).as(servlet.getSimpleName() + " " + param).contains("`" + param + "`");
      }
    }
  }

  /** The builder method of a core key: {@code grid.onLoss} is {@code gridOnLoss}. */
  private static String builderMethod(String key) {
    int dot = key.indexOf('.');
    return dot < 0
        ? key
        : key.substring(0, dot)
            + Character.toUpperCase(key.charAt(dot + 1))
            + key.substring(dot + 2);
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
