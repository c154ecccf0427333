package dev.landfall.verify.latency;

import java.util.List;

/**
 * Hears how a dual run goes, for progress displays. Called from the run's own threads: {@link
 * #noiseLearned} from the thread calling {@link DualRun#run()}, {@link #progress} from a timer
 * thread about once a second. Must not block.
 */
public interface DualRunListener {
    DualRunListener NONE = new DualRunListener() {};

    /** The noise phase ended: these JSON paths differed between two baseline answers. */
    default void noiseLearned(int samples, List<String> noisePaths) {}

    default void progress(DualRunProgress progress) {}
}
