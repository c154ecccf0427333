package dev.landfall.infra.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --follow-status}: the follower's status address, and nothing else, is what is read. */
class FollowerStatusPageTest {
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9464", "http://127.0.0.1:9464/", "http://127.0.0.1:9464/statusz"})
    void theAddressOrItsStatuszIsRead(String url) {
        try (FollowerStatusPage page = FollowerStatusPage.at(url)) {
            assertThat(page.describe()).isEqualTo("http://127.0.0.1:9464/statusz");
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "127.0.0.1:9464|is not an http(s) URL",
                "ftp://127.0.0.1:9464|is not an http(s) URL",
                "http://admin:pw@127.0.0.1:9464|--follow-status http://admin:****@127.0.0.1:9464/ carries credentials",
                "admin:pw@127.0.0.1:9464|--follow-status ****@127.0.0.1:9464 is not an http(s) URL",
                "http://127.0.0.1:9464/metrics|--follow-status http://127.0.0.1:9464/metrics has the path /metrics",
                "http://127.0.0.1:9464/?token=secret|--follow-status http://127.0.0.1:9464/?**** has a query"
            })
    void anythingElseIsAUsageErrorNamingTheFlagAndTheFix(String url, String problem) {
        assertThatThrownBy(() -> FollowerStatusPage.at(url)).isInstanceOfSatisfying(LandfallException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.USAGE);
            assertThat(e.hint())
                    .hasValueSatisfying(h -> assertThat(h).contains("--follow-status http://127.0.0.1:9464"));
            assertThat(e.getMessage()).contains(problem).doesNotContain("pw").doesNotContain("secret");
        });
    }
}
