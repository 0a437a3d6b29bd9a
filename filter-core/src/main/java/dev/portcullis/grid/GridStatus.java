package dev.portcullis.grid;

/**
 * What a health check reports about a {@link Grid}.
 *
 * @param clustered whether the grid is shared through the cluster ({@code grid=jcache})
 * @param up whether the grid's operations succeed now (a local fallback counts as up)
 * @param members the nodes seen in the last {@code 15s}, this one included; 1 for a local grid, 0
 *     when the cluster cannot be reached
 * @param fallback whether the cluster was lost and {@code grid.onLoss=local} serves from this
 *     process
 */
public record GridStatus(boolean clustered, boolean up, int members, boolean fallback) {}
