package dev.landfall.infra.spec;

import java.util.regex.Pattern;

/**
 * The form a spec string must have (each string of a list in {@link SpecNode#stringList(String,
 * boolean, StringForm)}, single fields in {@link SpecValidator}): the pattern, what a match is
 * called in an error ("an IAM action") and how to write one.
 */
record StringForm(Pattern pattern, String what, String hint) {
    static StringForm of(String regex, String what, String hint) {
        return new StringForm(Pattern.compile(regex), what, hint);
    }

    /** Reports {@code value} at {@code pointer} as {@code 'value' is not WHAT} unless it is of this form. */
    void check(SpecProblems problems, String pointer, String value) {
        if (!pattern.matcher(value).matches()) {
            problems.error(pointer, "'" + value + "' is not " + what, hint);
        }
    }
}
