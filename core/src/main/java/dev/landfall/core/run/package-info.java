/**
 * The data workflows, one home each: {@link dev.landfall.core.run.Exporter} (a source into a
 * bundle, resumably), {@link dev.landfall.core.run.Importer} (a source into a store, writing only
 * changes), {@link dev.landfall.core.run.Migrator} (export when the source spends an API budget,
 * import, verify, report, all resumable from its {@link dev.landfall.core.run.RunDirectory}) and
 * {@link dev.landfall.core.run.Comparison} (a source and a store side by side, for plan and verify
 * data). Each takes an options record and reports through a listener; the cli only parses, calls
 * and renders, and {@code landfall demo} calls the same classes.
 *
 * <p>Sources and stores are opened by URI through {@link dev.landfall.core.spi.SourceRegistry} and
 * {@link dev.landfall.core.spi.StoreRegistry}, never by concrete class, so a new kind of source
 * needs no change here. Every copy goes through the one engine, {@link
 * dev.landfall.core.copy.Copier}. The live-migration follower (apply a change log to the store,
 * committing the log position with each batch) belongs beside the {@code Migrator}, which will
 * start it after the full load.
 */
package dev.landfall.core.run;
