package dev.landfall.cloudflare.kv;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.spi.Source;
import java.util.List;

/**
 * The source contract for Workers KV read through the export Worker ({@code --via worker}), against
 * the sandbox, whose export Worker binds every namespace under its title; broken: a wrong export
 * secret.
 */
class KvWorkerSourceContractTest extends AbstractKvSourceContractTest {
    @Override
    protected Source openSource() {
        return new KvWorkerSource(sandbox.api(), sandbox.worker(), List.of(), 2);
    }

    @Override
    protected Broken broken() {
        return new Broken(
                ErrorKind.REJECTED,
                () -> new KvWorkerSource(sandbox.api(), sandbox.worker("not-the-secret"), List.of(), 2));
    }
}
