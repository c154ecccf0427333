package dev.landfall.cli.option;

import dev.landfall.cloudflare.worker.WorkerScaffold;
import dev.landfall.core.error.LandfallException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --do-binding}, {@code --do-class}, {@code --do-script} and {@code --kv-binding}: the
 * Durable Object and KV bindings an export Worker is scaffolded with.
 */
public final class WorkerBindingOptions {
    @Option(
            names = "--do-binding",
            paramLabel = "B",
            description = "A Durable Object binding name (repeatable; one per --do-class, in order).")
    List<String> bindings = new ArrayList<>();

    @Option(
            names = "--do-class",
            paramLabel = "C",
            description = "The class the binding of the same position reaches (repeatable).")
    List<String> classes = new ArrayList<>();

    @Option(
            names = "--do-script",
            paramLabel = "WORKER",
            defaultValue = "your-app-worker",
            description = "The Worker that defines the classes (default: ${DEFAULT-VALUE}, a placeholder).")
    String script;

    @Option(names = "--kv-binding", paramLabel = "K", description = "A KV namespace binding (repeatable).")
    List<String> kv = new ArrayList<>();

    /**
     * The bindings, each with the class of the same position.
     *
     * @throws LandfallException USAGE when the two flags are not given as often
     */
    public List<WorkerScaffold.DoBinding> durableObjects() {
        if (bindings.size() != classes.size()) {
            throw LandfallException.usage(
                    bindings.size() + " --do-binding but " + classes.size() + " --do-class",
                    "give one --do-class per --do-binding, in the same order");
        }
        List<WorkerScaffold.DoBinding> dos = new ArrayList<>();
        for (int i = 0; i < bindings.size(); i++) {
            dos.add(new WorkerScaffold.DoBinding(bindings.get(i), classes.get(i), script));
        }
        return dos;
    }

    /** The KV namespace bindings, in order. */
    public List<String> kv() {
        return List.copyOf(kv);
    }
}
