package dev.landfall.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPortTest {
    private static HostPort parse(String text) {
        return HostPort.parse(text, 1234, IllegalArgumentException::new);
    }

    @ParameterizedTest
    @CsvSource({
        "db.internal, db.internal, 1234",
        "db.internal:6543, db.internal, 6543",
        "10.0.0.5:1, 10.0.0.5, 1",
        "'[::1]', ::1, 1234",
        "'[::1]:65535', ::1, 65535"
    })
    void readsTheHostAndThePortOrTheDefault(String text, String host, int port) {
        assertEquals(new HostPort(host, port), parse(text));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''| names no host",
                ":5432| names no host",
                "[]:5432| names no host",
                "[::1| has an IPv6 host without its closing ']'",
                "[::1]5432| has '5432' after the host",
                "h:| has port '', not a number from 1 to 65535",
                "h:port| has port 'port', not a number from 1 to 65535",
                "h:0| has port '0', not a number from 1 to 65535",
                "h:65536| has port '65536', not a number from 1 to 65535",
                "h:+80| has port '+80', not a number from 1 to 65535"
            })
    void saysWhatIsWrong(String text, String what) {
        assertEquals(
                what,
                assertThrows(IllegalArgumentException.class, () -> parse(text)).getMessage());
    }

    @ParameterizedTest
    @CsvSource({"db.internal, db.internal", "::1, '[::1]'"})
    void bracketsAnIpv6HostInAUrl(String host, String written) {
        assertEquals(written, HostPort.inUrl(host));
        assertEquals(written + ":5432", new HostPort(host, 5432).toString(), "as messages name an address");
    }
}
