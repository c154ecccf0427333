package dev.landfall.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusAddressTest {
    @ParameterizedTest
    @CsvSource({
        "127.0.0.1:9464, 127.0.0.1, 9464",
        "localhost:9464, localhost, 9464",
        "0.0.0.0:9464, 0.0.0.0, 9464",
        "'[::1]:9464', ::1, 9464",
        "'[::]:0', ::, 0",
        ":9464, 127.0.0.1, 9464",
        "9464, 127.0.0.1, 9464",
        "0, 127.0.0.1, 0",
        ":0, 127.0.0.1, 0",
        "127.0.0.1:0, 127.0.0.1, 0",
        "' 127.0.0.1:65535 ', 127.0.0.1, 65535"
    })
    void readsEveryForm(String text, String host, int port) {
        assertEquals(new StatusAddress(host, port), StatusAddress.parse(text));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''| names no host",
                "127.0.0.1| names no port",
                "'[::1]'| names no port",
                "host:| has port '', not a number from 0 to 65535",
                "host:http| has port 'http', not a number from 0 to 65535",
                "host:65536| has port '65536', not a number from 0 to 65535",
                "65536| has port '65536', not a number from 0 to 65535",
                ":99999| has port '99999', not a number from 0 to 65535",
                "host:-1| has port '-1', not a number from 0 to 65535",
                "[::1| has an IPv6 host without its closing ']'",
                "[::1]9464| has '9464' after the host",
                "::1:9464| has an IPv6 host without brackets",
                "[]:9464| names no host"
            })
    void aBadValueIsAUsageErrorNamingTheFlagTheValueAndTheForms(String text, String what) {
        LandfallException e = assertThrows(LandfallException.class, () -> StatusAddress.parse(text));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertEquals("--status-addr '" + text + "' " + what, e.getMessage());
        String hint = e.hint().orElseThrow();
        assertTrue(hint.contains("HOST:PORT, [IPv6]:PORT, :PORT or PORT"), hint);
        assertTrue(hint.contains("--status-addr 127.0.0.1:9464"), hint);
    }

    @Test
    void aControlCharacterInTheValueIsShownEscaped() {
        LandfallException e = assertThrows(LandfallException.class, () -> StatusAddress.parse("evil\u001b[2J"));
        assertEquals("--status-addr 'evil\\u001b[2J' names no port", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1, 9464, 127.0.0.1:9464", "::1, 0, '[::1]:0'"})
    void printsAsAUrlWritesIt(String host, int port, String written) {
        assertEquals(written, new StatusAddress(host, port).toString());
    }

    @Test
    void aPortOutOfRangeCannotBeMadeDirectly() {
        assertThrows(IllegalArgumentException.class, () -> new StatusAddress("127.0.0.1", 65_536));
        assertThrows(IllegalArgumentException.class, () -> new StatusAddress("127.0.0.1", -1));
    }
}
