package dev.landfall.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValuePathTest {
    private static final String BASE = "/client/v4/accounts/acct/storage/kv/namespaces/ns1/values/";

    private static String key(ValuePath p) {
        return new String(p.key(), StandardCharsets.UTF_8);
    }

    @Test
    void takesTheNamespaceAndTheRestOfThePathAsTheKey() {
        ValuePath p = ValuePath.of(BASE + "a/b+c");
        assertThat(p.namespaceId()).isEqualTo("ns1");
        assertThat(key(p)).as("a raw slash and a plus stay as sent").isEqualTo("a/b+c");
    }

    @Test
    void decodesAnEscapedKeyAsTheFullParseDoes() {
        String raw = "caf%C3%A9%2Fx%20y";
        assertThat(ValuePath.of(BASE + raw).key())
                .isEqualTo(KvApiRequest.parse(BASE.substring("/client/v4".length()) + raw, null)
                        .key());
        assertThat(key(ValuePath.of(BASE + "caf\u00e9"))).isEqualTo("caf\u00e9");
    }

    @Test
    void leavesEveryOtherPathToTheFullParse() {
        assertThat(ValuePath.of(BASE + "bad%zz"))
                .as("a malformed escape: the full parse's 400")
                .isNull();
        assertThat(ValuePath.of(BASE)).as("no key").isNull();
        assertThat(ValuePath.of("/client/v4/accounts/acct/storage/kv/namespaces/ns1/metadata/k"))
                .isNull();
        assertThat(ValuePath.of("/client/v4/accounts/acct/storage/kv/namespaces/ns1/keys"))
                .isNull();
        assertThat(ValuePath.of("/client/v4/accounts//storage/kv/namespaces/ns1/values/k"))
                .isNull();
        assertThat(ValuePath.of("/client/v4/accounts/acct/storage/kv/namespaces/n%31/values/k"))
                .as("an escaped namespace id")
                .isNull();
        assertThat(ValuePath.of("/accounts/acct/storage/kv/namespaces/ns1/values/k"))
                .isNull();
    }
}
