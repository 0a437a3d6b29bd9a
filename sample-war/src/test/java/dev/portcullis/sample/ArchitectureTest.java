package dev.portcullis.sample;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.portcullis.Authenticator;
import dev.portcullis.cache.VerdictCache;
import dev.portcullis.cache.Verifier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules drawn in docs/architecture.md, checked on the compiled main classes of every
 * module (this module's test class path is the one that sees them all).
 */
class ArchitectureTest {
  private static final String SPI = "dev.portcullis";
  private static final String CONFIG = "dev.portcullis.config..";
  private static final String CACHE = "dev.portcullis.cache..";
  private static final String WEB = "dev.portcullis.web..";
  private static final String JOSE = "dev.portcullis.jose..";
  private static final String DPOP = "dev.portcullis.dpop..";
  private static final String GRID = "dev.portcullis.grid..";
  private static final String HTTP = "dev.portcullis.http..";
  private static final String JDBC = "dev.portcullis.jdbc..";

  /** The sample application, which uses the library as any application does. */
  private static final String APPLICATION = "dev.portcullis.sample..";

  private static final String LIMIT = "dev.portcullis.limit..";
  private static final String RATE_LIMIT = "dev.portcullis.ratelimit..";
  private static final String ADMIN = "dev.portcullis.admin..";
  private static final String EPHEMERAL = "dev.portcullis.ephemeral..";
  private static final String[] BRIDGES = {
    "dev.portcullis.jaxrs..", "dev.portcullis.security..", "dev.portcullis.microprofile.."
  };
  private static final String[] MECHANISMS = {
    "dev.portcullis.apikey..",
    "dev.portcullis.introspection..",
    "dev.portcullis.jwt..",
    "dev.portcullis.mtls.."
  };

  private static JavaClasses portcullis;

  @BeforeAll
  static void importClasses() {
    portcullis =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(SPI);
  }

  @Test
  void importWhenClassPathIsTheSampleThenEveryPackageIsChecked() {
    assertThat(portcullis.stream().map(JavaClass::getPackageName).distinct())
        .contains(
            "dev.portcullis",
            "dev.portcullis.config",
            "dev.portcullis.cache",
            "dev.portcullis.web",
            "dev.portcullis.ephemeral",
            "dev.portcullis.grid",
            "dev.portcullis.limit",
            "dev.portcullis.ratelimit",
            "dev.portcullis.quota",
            "dev.portcullis.apikey",
            "dev.portcullis.apikey.jdbc",
            "dev.portcullis.admin",
            "dev.portcullis.introspection",
            "dev.portcullis.jwt",
            "dev.portcullis.mtls",
            "dev.portcullis.jose",
            "dev.portcullis.dpop");
  }

  @Test
  void spiWhenCompiledThenDependsOnNothingElseOfPortcullis() {
    classes()
        .that()
        .resideInAPackage(SPI)
        .should()
        .onlyDependOnClassesThat(
            resideInAPackage(SPI).or(not(resideInAPackage("dev.portcullis.."))))
        .check(portcullis);
  }

  @Test
  void mechanismsWhenCompiledThenDependOnlyOnSpiConfigAndCache() {
    for (String mechanism : MECHANISMS) {
      classes()
          .that()
          .resideInAPackage(mechanism)
          .should()
          .onlyDependOnClassesThat(
              resideInAnyPackage(SPI, CONFIG, CACHE, JOSE, GRID, HTTP, JDBC, mechanism)
                  .or(not(resideInAPackage("dev.portcullis.."))))
          .check(portcullis);
    }
  }

  @Test
  void configAndCacheWhenCompiledThenNeverDependOnWebOrMechanisms() {
    noClasses()
        .that()
        .resideInAnyPackage(CONFIG, CACHE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            WEB, "dev.portcullis.jaxrs..", "dev.portcullis.security..", "dev.portcullis.admin..")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(MECHANISMS)
        .check(portcullis);
  }

  @Test
  void joseWhenCompiledThenDependsOnNothingElseOfPortcullis() {
    classes()
        .that()
        .resideInAPackage(JOSE)
        .should()
        .onlyDependOnClassesThat(
            resideInAPackage(JOSE).or(not(resideInAPackage("dev.portcullis.."))))
        .check(portcullis);
  }

  @Test
  void dpopWhenCompiledThenDependsOnSpiConfigAndJoseOnlyAndOnlyWebUsesIt() {
    classes()
        .that()
        .resideInAPackage(DPOP)
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(SPI, CONFIG, JOSE, GRID, DPOP)
                .or(not(resideInAPackage("dev.portcullis.."))))
        .check(portcullis);
    noClasses()
        .that()
        .resideInAnyPackage(MECHANISMS)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(DPOP)
        .check(portcullis);
  }

  @Test
  void ephemeralResourceWhenCompiledThenDependsOnlyOnSpi() {
    classes()
        .that()
        .resideInAPackage("dev.portcullis.ephemeral..")
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(SPI, "dev.portcullis.ephemeral..")
                .or(not(resideInAPackage("dev.portcullis.."))))
        .check(portcullis);
  }

  @Test
  void adminWhenCompiledThenDependsOnlyOnSpiConfigAndTheApiKeyMechanism() {
    classes()
        .that()
        .resideInAPackage("dev.portcullis.admin..")
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(
                    SPI, CONFIG, GRID, HTTP, "dev.portcullis.apikey", "dev.portcullis.admin..")
                .or(not(resideInAPackage("dev.portcullis.."))))
        .check(portcullis);
  }

  @Test
  void gridWhenCompiledThenDependsOnNothingElseOfPortcullis() {
    classes()
        .that()
        .resideInAPackage(GRID)
        .should()
        .onlyDependOnClassesThat(
            resideInAPackage(GRID).or(not(resideInAPackage("dev.portcullis.."))))
        .check(portcullis);
  }

  @Test
  void limitStagesWhenCompiledThenDependOnlyOnSpiConfigGridAndLimit() {
    classes()
        .that()
        .resideInAnyPackage("dev.portcullis.limit..", "dev.portcullis.ratelimit..")
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(
                    SPI,
                    CONFIG,
                    "dev.portcullis.grid..",
                    "dev.portcullis.limit..",
                    "dev.portcullis.ratelimit..")
                .or(not(resideInAPackage("dev.portcullis.."))))
        .check(portcullis);
  }

  @Test
  void quotaWhenCompiledThenDependsOnlyOnSpiAndConfig() {
    classes()
        .that()
        .resideInAPackage("dev.portcullis.quota..")
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(SPI, CONFIG, JDBC, "dev.portcullis.quota..")
                .or(not(resideInAPackage("dev.portcullis.."))))
        .check(portcullis);
  }

  @Test
  void importWhenClassPathIsTheSampleThenTheBridgesAndInfrastructureAreChecked() {
    assertThat(portcullis.stream().map(JavaClass::getPackageName).distinct())
        .contains(
            "dev.portcullis.jaxrs",
            "dev.portcullis.security",
            "dev.portcullis.microprofile",
            "dev.portcullis.http",
            "dev.portcullis.jdbc");
  }

  @Test
  void infrastructureWhenCompiledThenHttpDependsOnNothingAndJdbcOnSpiAndConfigOnly() {
    classes()
        .that()
        .resideInAPackage(HTTP)
        .should()
        .onlyDependOnClassesThat(
            resideInAPackage(HTTP).or(not(resideInAPackage("dev.portcullis.."))))
        .check(portcullis);
    classes()
        .that()
        .resideInAPackage(JDBC)
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(SPI, CONFIG, JDBC).or(not(resideInAPackage("dev.portcullis.."))))
        .check(portcullis);
  }

  @Test
  void configWhenCompiledThenDependsOnlyOnSpiCacheAndGrid() {
    classes()
        .that()
        .resideInAPackage(CONFIG)
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(SPI, CONFIG, CACHE, GRID)
                .or(not(resideInAPackage("dev.portcullis.."))))
        .check(portcullis);
  }

  @Test
  void webWhenCompiledThenNeverDependsOnMechanismsStagesOrTheResources() {
    noClasses()
        .that()
        .resideInAPackage(WEB)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(MECHANISMS)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(
            RATE_LIMIT, ADMIN, EPHEMERAL, "dev.portcullis.jaxrs..", "dev.portcullis.security..")
        .check(portcullis);
  }

  @Test
  void bridgesWhenCompiledThenDependOnlyOnSpiConfigAndWeb() {
    classes()
        .that()
        .resideInAnyPackage(BRIDGES)
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(SPI, CONFIG, WEB)
                .or(resideInAnyPackage(BRIDGES))
                .or(not(resideInAPackage("dev.portcullis.."))))
        .check(portcullis);
  }

  @Test
  void webWhenCompiledThenUsesOnlyTheMicroProfileBridgeLoadedWhenPresent() {
    noClasses()
        .that()
        .resideInAnyPackage(WEB)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.portcullis.jaxrs..", "dev.portcullis.security..")
        .check(portcullis);
    classes()
        .that()
        .resideInAPackage("dev.portcullis.microprofile..")
        .and()
        .areNotAssignableTo("dev.portcullis.microprofile.PortcullisReadinessCheck")
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(SPI, CONFIG, "dev.portcullis.microprofile..")
                .or(not(resideInAPackage("dev.portcullis.."))))
        .check(portcullis);
  }

  @Test
  void dpopWhenCompiledThenOnlyWebUsesIt() {
    noClasses()
        .that()
        .resideOutsideOfPackages(WEB, DPOP, APPLICATION)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(DPOP)
        .check(portcullis);
  }

  @Test
  void limitWhenCompiledThenDependsOnlyOnSpiAndConfig() {
    classes()
        .that()
        .resideInAPackage(LIMIT)
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(SPI, CONFIG, LIMIT).or(not(resideInAPackage("dev.portcullis.."))))
        .check(portcullis);
  }

  @Test
  void resourcesAndStagesWhenCompiledThenNothingElseOfPortcullisDependsOnThem() {
    for (String leaf : new String[] {ADMIN, EPHEMERAL, RATE_LIMIT}) {
      noClasses()
          .that()
          .resideOutsideOfPackages(leaf, APPLICATION)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(leaf)
          .check(portcullis);
    }
  }

  /** Caching is a decorator the factories assemble; no authenticator calls a cache itself. */
  @Test
  void authenticatorsWhenCompiledThenNeverCallOrWrapACacheThemselves() {
    noClasses()
        .that()
        .implement(Authenticator.class)
        .should()
        .callMethod(Verifier.class, "cached", VerdictCache.class, Verifier.class)
        .orShould()
        .callMethod(Verifier.class, "rechecked", Verifier.class, UnaryOperator.class)
        .check(portcullis);
    noClasses()
        .that()
        .resideOutsideOfPackage(CACHE)
        .should()
        .callMethod(VerdictCache.class, "get", String.class, VerdictCache.Loader.class)
        .check(portcullis);
  }

  @Test
  void cacheWhenCompiledThenDependsOnlyOnSpi() {
    classes()
        .that()
        .resideInAPackage(CACHE)
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(SPI, CACHE).or(not(resideInAPackage("dev.portcullis.."))))
        .check(portcullis);
  }
}
