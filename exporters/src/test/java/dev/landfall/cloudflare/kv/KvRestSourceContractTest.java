package dev.landfall.cloudflare.kv;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.spi.Source;
import java.util.List;

/** The source contract for Workers KV over the REST API, against the sandbox; broken: a bad token. */
class KvRestSourceContractTest extends AbstractKvSourceContractTest {
    @Override
    protected Source openSource() {
        return new KvRestSource(sandbox.api(), List.of(), "");
    }

    @Override
    protected Broken broken() {
        return new Broken(ErrorKind.REJECTED, () -> new KvRestSource(sandbox.api("not-the-token"), List.of(), ""));
    }
}
