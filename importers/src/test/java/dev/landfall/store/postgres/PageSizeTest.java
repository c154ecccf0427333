package dev.landfall.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Page limits adapt to the values seen: at most 1000 rows, about 8 MiB, at least one row. */
class PageSizeTest {
    @Test
    void startsAtTheRowCap() {
        assertEquals(1000, new PageSize().limit());
    }

    @Test
    void smallValuesKeepTheRowCap() {
        PageSize p = new PageSize();
        p.seen(1000, 200_000);
        assertEquals(1000, p.limit());
    }

    @Test
    void largeValuesShrinkThePage() {
        PageSize p = new PageSize();
        p.seen(8, 8L << 20); // 1 MiB each
        assertEquals(8, p.limit());
        p.seen(2, 50L << 20); // now 5.8 MiB on average
        assertEquals(1, p.limit());
    }

    @Test
    void neverBelowOneRow() {
        PageSize p = new PageSize();
        p.seen(1, 25L << 20);
        assertEquals(1, p.limit());
    }

    @Test
    void emptyValuesDoNotDivideByZero() {
        PageSize p = new PageSize();
        p.seen(1000, 0);
        assertEquals(1000, p.limit());
    }

    @Test
    void aShortPageUnderTheByteCapIsTheLast() {
        assertTrue(PageSize.isLast(0, 1000, 0));
        assertTrue(PageSize.isLast(999, 1000, 1000));
        assertFalse(PageSize.isLast(1000, 1000, 1000), "a full page may have more after it");
        assertFalse(PageSize.isLast(3, 1000, PageSize.MAX_BYTES + 1), "the byte cap cut this page");
    }
}
