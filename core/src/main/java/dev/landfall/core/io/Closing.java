package dev.landfall.core.io;

import java.io.Closeable;
import java.io.IOException;

/** Closing several things that one object holds, each of them even when one before it fails. */
public final class Closing {
    private Closing() {}

    /**
     * Closes each in turn. The first failure is thrown once all have been tried, any later ones
     * suppressed in it: the first is usually the cause of the rest.
     */
    public static void inOrder(Closeable... all) throws IOException {
        Exception first = null;
        for (Closeable c : all) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first instanceof IOException io) {
            throw io;
        }
        if (first != null) {
            throw (RuntimeException) first;
        }
    }
}
