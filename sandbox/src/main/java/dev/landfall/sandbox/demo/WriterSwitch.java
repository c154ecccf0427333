package dev.landfall.sandbox.demo;

import dev.landfall.core.live.WriteSwitch;
import dev.landfall.sandbox.CaptureWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The sandbox's built-in writer as the application whose writes a rehearsal switches: frozen is the
 * writer paused (as the edge would answer its writes 503), flipped is the writer stopped (its writes
 * would now reach the new service, which the rehearsal does not run), unfrozen is the writer going
 * on. {@code pause} returns once a write in progress completed, as the gate's grace assumes.
 */
final class WriterSwitch implements WriteSwitch {
    private final CaptureWriter writer;
    private final Clock clock;

    WriterSwitch(CaptureWriter writer, Clock clock) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String describe() {
        return "the sandbox's writer pauses, as the edge would answer its writes 503";
    }

    @Override
    public Instant freeze() {
        writer.pause();
        return clock.instant();
    }

    @Override
    public Instant flip() {
        writer.stop();
        return clock.instant();
    }

    @Override
    public Instant unfreeze() {
        writer.resume();
        return clock.instant();
    }
}
