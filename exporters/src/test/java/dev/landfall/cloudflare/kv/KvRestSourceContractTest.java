package dev.landfall.cloudflare.kv;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Source;
import dev.landfall.core.store.AbstractSourceContractTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The source contract for Workers KV over the REST API, against the sandbox; broken: a bad token. */
class KvRestSourceContractTest extends AbstractSourceContractTest {
    private static KvSandboxFixture sandbox;

    @BeforeAll
    static void start() {
        sandbox = new KvSandboxFixture(knownEntries());
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    @Override
    protected Map<Scope, List<Entry>> expected() {
        return sandbox.expected();
    }

    @Override
    protected Source openSource() {
        return new KvRestSource(sandbox.api(), List.of(), "");
    }

    @Override
    protected Broken broken() {
        return new Broken(ErrorKind.REJECTED, () -> new KvRestSource(sandbox.api("not-the-token"), List.of(), ""));
    }
}
