package dev.landfall.core.status;

import dev.landfall.core.text.VisibleText;

/**
 * The plain-text form of a z-page: a title line, then one {@code name: value} line per field.
 * Every name and value is masked and escaped here, in the one place text is written, so a control
 * character from an account cannot break a line or act on the terminal that runs {@code curl}.
 */
final class PageLines {
    private final StringBuilder sb = new StringBuilder(512);

    PageLines(String title) {
        sb.append(title).append('\n');
    }

    PageLines add(String name, String value) {
        sb.append(VisibleText.of(SecretMask.of(name)))
                .append(": ")
                .append(VisibleText.of(SecretMask.of(value)))
                .append('\n');
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
