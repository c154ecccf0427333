package dev.landfall.cli.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.landfall.cloudflare.api.CloudflareAccess;
import dev.landfall.core.error.LandfallException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The edge split needs the Cloudflare token up front; a region's dial never asks for it. */
class CloudflareDialKeysTest {
    @Test
    void theEdgeSplitRefusesAMissingTokenBeforeAnythingElse() {
        assertThatThrownBy(() -> CloudflareDialKeys.forTarget(
                        Optional.empty(), Map.of(CloudflareAccess.ACCOUNT, "0123456789abcdef0123456789abcdef")))
                .isInstanceOfSatisfying(LandfallException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains(CloudflareAccess.TOKEN);
                });
    }

    @Test
    void theEdgeSplitsKeyIsTheOneTheCutoverWorkerReads() {
        Map<String, String> env = Map.of(
                CloudflareAccess.ACCOUNT,
                "0123456789abcdef0123456789abcdef",
                CloudflareAccess.TOKEN,
                "test-token",
                CloudflareAccess.BASE_URL,
                "http://127.0.0.1:9");
        try (CloudflareDialKeys keys = CloudflareDialKeys.forTarget(Optional.empty(), env)) {
            assertThat(keys.apply("ns1").describe()).isEqualTo("key landfall-cutover in kv namespace ns1");
        }
    }

    @Test
    void aRegionsDialNeedsNoTokenAndHasNoKey() {
        try (CloudflareDialKeys keys = CloudflareDialKeys.forTarget(Optional.of("eu-west-1"), Map.of())) {
            assertThatThrownBy(() -> keys.apply("ns1")).isInstanceOf(IllegalStateException.class);
        }
    }
}
