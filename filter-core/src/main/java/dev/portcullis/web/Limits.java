package dev.portcullis.web;

import dev.portcullis.Identity;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.config.Environment;
import dev.portcullis.limit.Admission;
import dev.portcullis.limit.LimitStage;
import dev.portcullis.limit.LimitStageFactory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The limit stage of the pipeline: every {@link LimitStage} this filter configures, run in order
 * after authorization. The first refusal wins; the header fields of the stages that admitted are
 * merged (a later stage's field of the same name replaces an earlier one's).
 */
final class Limits implements AutoCloseable {
  /** The mechanism name in the audit of a limit stage whose back end is down. */
  static final String MECHANISM = "limit";

  /** No stage configured: every request admitted at no cost. */
  static final Limits NONE = new Limits(List.of());

  private final LimitStage[] stages;

  private Limits(List<LimitStage> stages) {
    this.stages = stages.toArray(LimitStage[]::new);
  }

  /**
   * Asks every {@link LimitStageFactory} on the class path for its stage.
   *
   * @throws ConfigurationException for a bad setting, or two factories of one name
   */
  static Limits create(Config config, Environment environment, ClassLoader loader) {
    List<LimitStageFactory> factories = new ArrayList<>();
    ServiceLoader.load(LimitStageFactory.class, loader).forEach(factories::add);
    factories.sort(Comparator.comparingInt(LimitStageFactory::order));
    Set<String> names = new HashSet<>();
    List<LimitStage> created = new ArrayList<>();
    try {
      for (LimitStageFactory factory : factories) {
        if (!names.add(factory.name())) {
          throw new ConfigurationException("Two limit stages are named [" + factory.name() + "]");
        }
        factory.create(config.child(factory.name()), environment).ifPresent(created::add);
      }
    } catch (RuntimeException e) {
      created.forEach(LimitStage::close);
      throw e;
    }
    return created.isEmpty() ? NONE : new Limits(created);
  }

  /**
   * Runs the stages for a request with an identity (an anonymous one passes); answers the request
   * itself (429, 402 or 503) when a stage refuses or its back end is down. Admitted: the stages'
   * header fields are set before the application runs.
   *
   * @return whether the request goes on
   */
  boolean admit(
      HttpServletRequest request,
      HttpServletResponse response,
      Identity identity,
      Audit audit,
      Duration retryAfter)
      throws IOException {
    if (identity == null || stages.length == 0) {
      return true;
    }
    Admission admission;
    try {
      admission = admit(request, identity);
    } catch (ServiceUnavailableException e) {
      String print = identity.fingerprint().orElse(null);
      audit.unavailable(new Decision.Unavailable(e, MECHANISM, print), request);
      Responses.unavailable(response, retryAfter);
      return false;
    }
    if (admission instanceof Admission.Refused refused) {
      audit.limited(refused, identity, request);
      Responses.limited(response, refused);
      return false;
    }
    ((Admission.Admitted) admission).headers().forEach(response::setHeader);
    return true;
  }

  /**
   * Runs the stages for an authenticated, authorized request.
   *
   * @throws ServiceUnavailableException when a stage's back end is down
   */
  Admission admit(HttpServletRequest request, Identity identity)
      throws ServiceUnavailableException {
    if (stages.length == 1) {
      return stages[0].admit(request, identity);
    }
    Map<String, String> headers = null;
    for (LimitStage stage : stages) {
      Admission admission = stage.admit(request, identity);
      if (admission instanceof Admission.Admitted admitted) {
        if (!admitted.headers().isEmpty()) {
          headers = headers == null ? new LinkedHashMap<>() : headers;
          headers.putAll(admitted.headers());
        }
      } else {
        return admission;
      }
    }
    return headers == null ? Admission.ADMITTED : new Admission.Admitted(headers);
  }

  @Override
  public void close() {
    for (LimitStage stage : stages) {
      stage.close();
    }
  }
}
