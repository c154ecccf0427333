package dev.landfall.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuickReadsTest {
    private static final long MICROS = 1_000;

    @Test
    void aStoreThatReadsOverTheNetworkIsNeverReadInline() {
        QuickReads reads = new QuickReads(false);
        assertThat(reads.allowed()).isFalse();
        for (int i = 0; i < 100; i++) {
            reads.took(1 * MICROS);
        }
        assertThat(reads.allowed()).isFalse();
    }

    @Test
    void anInProcessStoreIsReadInlineFromTheStartAndWhileItsAverageReadStaysUnderTheBound() {
        QuickReads reads = new QuickReads(true);
        assertThat(reads.allowed()).isTrue();
        for (int i = 0; i < 100; i++) {
            reads.took(10 * MICROS);
        }
        reads.took(500 * MICROS);
        assertThat(reads.allowed())
                .as("one read over the bound among quick ones: the average")
                .isTrue();
    }

    @Test
    void aSlowReadSendsReadsToThePoolUntilQuickOnesBringTheAverageBackUnderTheBound() {
        QuickReads reads = new QuickReads(true);
        reads.took(1_000 * MICROS); // the disk: the average is now 125 us
        assertThat(reads.allowed()).isFalse();

        reads.took(10 * MICROS); // 110.6 us
        assertThat(reads.allowed()).isFalse();
        reads.took(10 * MICROS); // 98.0 us
        assertThat(reads.allowed()).isTrue();
    }
}
