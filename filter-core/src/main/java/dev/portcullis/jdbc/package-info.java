/**
 * Database access, the one copy: {@link dev.portcullis.jdbc.BoundedDatabase} runs every statement
 * of the JDBC key store and the credit balances with a query timeout and a bound on callers waiting
 * for a connection (one more is a 503 at once); {@link dev.portcullis.jdbc.DataSources} finds a
 * container data source by JNDI name; {@link dev.portcullis.jdbc.DriverDataSource} serves the
 * command-line tools that have a JDBC URL instead of a pool.
 */
package dev.portcullis.jdbc;
