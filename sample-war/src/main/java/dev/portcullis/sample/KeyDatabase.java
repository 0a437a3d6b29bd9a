package dev.portcullis.sample;

import jakarta.annotation.sql.DataSourceDefinition;

/**
 * The database of the {@code jdbc} API key store, {@code java:app/jdbc/portcullis}, defined by the
 * application and configured by the environment variables {@code PORTCULLIS_API_KEYS_JDBC_URL},
 * {@code PORTCULLIS_API_KEYS_JDBC_USER} and {@code PORTCULLIS_API_KEYS_JDBC_PASSWORD} (Payara's
 * {@code ${ENV=...}}). Nothing connects until the first request with an API key, and only when
 * {@code PORTCULLIS_API_KEYS_STORE=jdbc} selects the store (see {@code WEB-INF/web.xml}).
 *
 * <p>The pool is small and bounded: connections are made on demand, a login and a wait for a free
 * connection each give up after 5 seconds, and every connection is validated before use and all are
 * dropped when one fails, so the application recovers by itself after a database restart.
 */
@DataSourceDefinition(
    name = "java:app/jdbc/portcullis",
    className = "org.postgresql.ds.PGSimpleDataSource",
    url = "${ENV=PORTCULLIS_API_KEYS_JDBC_URL}",
    user = "${ENV=PORTCULLIS_API_KEYS_JDBC_USER}",
    password = "${ENV=PORTCULLIS_API_KEYS_JDBC_PASSWORD}",
    loginTimeout = 5,
    maxPoolSize = 8,
    minPoolSize = 0,
    initialPoolSize = 0,
    properties = {
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname="
          + "org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
      "fish.payara.fail-all-connections=true",
      "fish.payara.max-wait-time-in-millis=5000"
    })
final class KeyDatabase {
  private KeyDatabase() {}
}
