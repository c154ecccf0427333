package dev.landfall.infra.spec;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Candidates close to a misspelt name, for "did you mean" hints. */
final class NearMatches {
    private NearMatches() {}

    /** Up to three candidates within edit distance 3 (or sharing a prefix), closest first. */
    static List<String> of(String input, Collection<String> candidates) {
        String needle = input.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .filter(c -> distance(needle, c.toLowerCase(Locale.ROOT)) <= 3
                        || (needle.length() >= 4 && c.toLowerCase(Locale.ROOT).startsWith(needle.substring(0, 4))))
                .sorted(Comparator.comparingInt((String c) -> distance(needle, c.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(3)
                .toList();
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}: for hints. */
    static String phrase(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** Levenshtein distance; names are short, so the quadratic table is fine. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
