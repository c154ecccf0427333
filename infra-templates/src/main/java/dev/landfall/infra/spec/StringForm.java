package dev.landfall.infra.spec;

import java.util.regex.Pattern;

/**
 * The form each string of a spec list must have ({@link SpecNode#stringList(String, boolean,
 * StringForm)}): the pattern, what a match is called in an error ("an IAM action") and how to
 * write one.
 */
record StringForm(Pattern pattern, String what, String hint) {
    static StringForm of(String regex, String what, String hint) {
        return new StringForm(Pattern.compile(regex), what, hint);
    }
}
