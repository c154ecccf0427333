package dev.landfall.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.KvNamespace;
import org.junit.jupiter.api.Test;

class QuotedAndHtmlTextTest {
    @Test
    void aKeyIsAJsonLiteralThatShowsEvenAJoiner() {
        assertEquals("\"a\\\"b\\\\c\\u001b[0m\\u200dd\\u202e\"", Quoted.of("a\"b\\c\u001b[0m\u200dd\u202e"));
        assertEquals("\"Köln 🎉\"", Quoted.of("Köln 🎉"));
    }

    @Test
    void htmlEscapesMarkupAndMakesControlsVisible() {
        assertEquals(
                "&lt;b&gt;evil\\u001b]0;x\\u0007 &amp; &quot;q&quot; &#39;s&#39;\\u202e Köln",
                HtmlText.escape("<b>evil\u001b]0;x\u0007 & \"q\" 's'\u202e Köln"));
    }

    @Test
    void scopeLabelsEscapeTitlesAndIds() {
        assertEquals("kv A\\u001bB (id\\u2066)", ScopeLabel.of(new KvNamespace("id\u2066", "A\u001bB")));
        assertEquals("kv SESSIONS", ScopeLabel.of(new KvNamespace("SESSIONS", "SESSIONS")));
        assertEquals("do n\\u0000/o\\u0085", ScopeLabel.of(new DurableObject("n\u0000", "o\u0085")));
    }
}
