/**
 * State shared across the nodes of a cluster: {@link dev.portcullis.grid.Grid}, with an in-process
 * implementation (Caffeine, for a single node and for tests) and one on the standard JCache API
 * (Payara Micro's Hazelcast data grid). No other part of Portcullis talks to a cluster.
 *
 * <p>Depends on nothing else of Portcullis.
 */
package dev.portcullis.grid;
