package dev.landfall.cloudflare.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Up to {@code size} items spread evenly over a sequence seen once, whose length is not known in
 * advance (the keys of a namespace, page by page). It keeps every {@code stride}-th item and, when
 * it holds twice the size, drops every other one and doubles the stride, so it never holds more
 * than 2 × size and ends with items from the whole sequence, not just its start. Deterministic.
 */
final class SpreadSample<T> {
    private final int size;
    private final List<T> kept = new ArrayList<>();
    private long seen;
    private long stride = 1;

    SpreadSample(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        this.size = size;
    }

    void add(T item) {
        if (seen++ % stride != 0) {
            return;
        }
        kept.add(item);
        if (kept.size() == 2 * size) {
            List<T> half = new ArrayList<>(size);
            for (int i = 0; i < kept.size(); i += 2) {
                half.add(kept.get(i));
            }
            kept.clear();
            kept.addAll(half);
            stride *= 2;
        }
    }

    /** How many items were offered. */
    long seen() {
        return seen;
    }

    /** At most {@code size} of the items, evenly spaced, in their order; every one when there were no more. */
    List<T> items() {
        return items(size);
    }

    /** At most {@code n} (≤ size) of the items, evenly spaced, in their order. */
    List<T> items(int n) {
        if (n < 0 || n > size) {
            throw new IllegalArgumentException("n must be 0.." + size + ": " + n);
        }
        if (kept.size() <= n) {
            return List.copyOf(kept);
        }
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(kept.get((int) ((long) i * kept.size() / n)));
        }
        return List.copyOf(out);
    }
}
