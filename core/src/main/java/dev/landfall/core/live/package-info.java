/**
 * The change log of a live migration, as Landfall sees it: what a capture recorded ({@link
 * dev.landfall.core.live.Change}), one shard's state ({@link dev.landfall.core.live.ShardState}),
 * a page read from it ({@link dev.landfall.core.live.ChangePage}) and the interface a source
 * implements to offer one ({@link dev.landfall.core.live.ChangeLog}, {@link
 * dev.landfall.core.live.ChangeCapturing}). The log records dirty keys, not values: the follower
 * ({@link dev.landfall.core.run.Follower}) re-reads each changed key once the source's consistency
 * window has passed, so applying a change twice writes the same state twice. See {@code
 * docs/live-migration.md}.
 */
package dev.landfall.core.live;
