package dev.portcullis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.config.MechanismSettings;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Map;

/** Calls every key method of a mechanism's typed builder once, with a value of its type. */
public final class EveryKey {
  private EveryKey() {}

  /**
   * Sets every key of {@code builder} and checks each became one prefixed init-param.
   *
   * @param builder a fresh builder
   * @return the init-params
   */
  public static Map<String, String> set(MechanismSettings<?> builder) throws Exception {
    int keys = 0;
    for (Method m : builder.getClass().getMethods()) {
      if (m.getDeclaringClass() == Object.class
          || m.getDeclaringClass() == MechanismSettings.class
          || Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      Class<?> type = m.getParameterTypes()[0];
      Object value =
          type == Duration.class
              ? Duration.ofSeconds(30)
              : type == int.class
                  ? 7
                  : type == boolean.class
                      ? true
                      : type == String[].class ? (Object) new String[] {"a", "b"} : "v";
      assertThat(m.invoke(builder, value)).isSameAs(builder);
      assertThat(builder.params()).containsKey(builder.mechanism() + "." + m.getName());
      keys++;
    }
    assertThat(builder.params()).hasSize(keys);
    return builder.params();
  }
}
