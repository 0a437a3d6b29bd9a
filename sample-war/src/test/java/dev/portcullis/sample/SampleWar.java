package dev.portcullis.sample;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The sample WAR the build packaged ({@code -Dsample.war}), for the ITs' deployments. */
final class SampleWar {
  private SampleWar() {}

  /**
   * Imports the packaged sample.
   *
   * @param name the archive name, {@code ROOT.war} to serve it at {@code /}
   * @return the archive
   */
  static WebArchive imported(String name) {
    return ShrinkWrap.create(ZipImporter.class, name)
        .importFrom(new File(System.getProperty("sample.war")))
        .as(WebArchive.class);
  }
}
