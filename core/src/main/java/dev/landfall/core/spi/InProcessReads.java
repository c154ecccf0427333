package dev.landfall.core.spi;

/**
 * An optional ability of a {@link KvAccess}: its reads are answered inside this process (an
 * embedded database), never waiting on another process or the network, so a read of data in memory
 * takes microseconds. A caller may then run a read on a thread that must not wait long (an HTTP
 * selector) rather than hand it to another thread, which costs more than the read; it should still
 * watch how long reads take, since a read the disk must answer is slower. Callers check for it with
 * {@code instanceof}.
 */
public interface InProcessReads {}
