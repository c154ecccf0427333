package dev.landfall.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Messages quote {@link Scope#describe()}, so titles and ids from the account appear escaped. */
class ScopeDescribeTest {
    @Test
    void aKvNamespaceShowsItsTitleAsIsOrEscaped() {
        assertEquals("kv namespace Sitzungen 🎉 (0f2a)", new KvNamespace("0f2a", "Sitzungen 🎉").describe());
        assertEquals(
                "kv namespace a\\u001b[2Jb\\u202e (0f\\u0007)",
                new KvNamespace("0f\u0007", "a\u001b[2Jb\u202e").describe());
    }

    @Test
    void aDurableObjectShowsItsIdsEscaped() {
        assertEquals("durable object ab\\u009b in namespace ns\\n", new DurableObject("ns\n", "ab\u009b").describe());
    }
}
