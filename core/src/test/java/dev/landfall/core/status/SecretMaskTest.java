package dev.landfall.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretMaskTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "postgres://app:pw@db:5432/app| postgres://app:****@db:5432/app",
                "redis://:pw@127.0.0.1:6379| redis://:****@127.0.0.1:6379",
                "to postgres://app:p@ss/w@db/app, then on| to postgres://app:****@db/app, then on",
                "a postgres://a:x@h/d and redis://:y@h| a postgres://a:****@h/d and redis://:****@h",
                "postgres://app@db/app?sslmode=require&password=pw| postgres://app@db/app?sslmode=require&password=****",
                "cloudflare://acc?TOKEN=pw&x=1| cloudflare://acc?TOKEN=****&x=1",
                "sqlite:landfall.db| sqlite:landfall.db",
                "shard 3 at seq 1200| shard 3 at seq 1200",
                "''| ''"
            })
    void masksEveryPasswordAndLeavesTheRest(String text, String masked) {
        assertEquals(masked, SecretMask.of(text));
    }
}
