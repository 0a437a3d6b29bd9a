package dev.portcullis.web;

import dev.portcullis.Authenticator;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;

/**
 * Test mechanism {@value #NAME}: requires the setting {@code needsFile.file}, to show that a
 * factory's configuration error stops the filter and closes what was already created.
 */
public final class NeedsFileFactory implements AuthenticatorFactory {
  static final String NAME = "needsFile";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Authenticator create(Config config, Environment environment) {
    config.required("file");
    throw config.invalid("file", config.required("file"), "this test mechanism never starts");
  }
}
