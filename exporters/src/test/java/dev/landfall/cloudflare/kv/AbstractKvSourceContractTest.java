package dev.landfall.cloudflare.kv;

import dev.landfall.cloudflare.SandboxFixture;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.store.AbstractSourceContractTest;
import dev.landfall.sandbox.SandboxConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The source contract for the KV sources, against one sandbox per class holding the known entries. */
abstract class AbstractKvSourceContractTest extends AbstractSourceContractTest {
    protected static SandboxFixture sandbox;
    private static Map<Scope, List<Entry>> held;

    @BeforeAll
    static void start() {
        sandbox = new SandboxFixture(SandboxConfig.builder().seedKv(List.of()).build());
        held = sandbox.putKv(knownEntries());
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    @Override
    protected Map<Scope, List<Entry>> expected() {
        return held;
    }
}
