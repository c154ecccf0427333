package dev.landfall.cli.migrate;

import java.io.Closeable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns the first Ctrl-C (SIGINT) or SIGTERM into a request to stop at the next committed batch,
 * so the run ends cleanly where a resume picks up; a second one ends the process at once. The
 * previous handlers come back on close.
 */
public final class StopOnInterrupt implements BooleanSupplier, Closeable {
    private final AtomicBoolean requested = new AtomicBoolean();
    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;

    public StopOnInterrupt(Runnable onFirst) {
        SignalHandler handler = signal -> {
            if (requested.compareAndSet(false, true)) {
                onFirst.run();
            } else {
                Runtime.getRuntime().halt(130);
            }
        };
        this.previousInt = install("INT", handler);
        this.previousTerm = install("TERM", handler);
    }

    private static SignalHandler install(String name, SignalHandler handler) {
        try {
            return Signal.handle(new Signal(name), handler);
        } catch (IllegalArgumentException unsupported) {
            return null;
        }
    }

    @Override
    public boolean getAsBoolean() {
        return requested.get();
    }

    @Override
    public void close() {
        if (previousInt != null) {
            Signal.handle(new Signal("INT"), previousInt);
        }
        if (previousTerm != null) {
            Signal.handle(new Signal("TERM"), previousTerm);
        }
    }
}
