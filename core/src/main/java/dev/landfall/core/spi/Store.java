package dev.landfall.core.spi;

/** A place that holds entries and accepts them: every store can be read back in key order. */
public interface Store extends Source, Sink {}
