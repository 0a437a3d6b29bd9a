/**
 * JMH benchmarks that put each Portcullis mechanism side by side with a well-known library doing
 * the same check, on loopback peers, and the report that turns results into BENCHMARKS.md tables.
 */
package dev.portcullis.bench;
