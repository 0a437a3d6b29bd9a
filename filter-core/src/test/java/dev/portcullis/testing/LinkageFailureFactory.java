package dev.portcullis.testing;

import dev.portcullis.Authenticator;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;

/**
 * Test mechanism {@value #NAME}: starting it throws an {@link Error}, as a mechanism does whose
 * optional library is missing from the class path ({@link NoClassDefFoundError}).
 */
public final class LinkageFailureFactory implements AuthenticatorFactory {
  /** The mechanism name. */
  public static final String NAME = "linkageFailure";

  /** Creates the factory; the service loader calls this. */
  public LinkageFailureFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Authenticator create(Config config, Environment environment) {
    throw new NoClassDefFoundError("com/example/MissingLibrary");
  }
}
