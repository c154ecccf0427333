package dev.landfall.infra.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.spec.ServiceSpec.LoadBalancerKind;
import org.junit.jupiter.api.Test;

class SpecParserTest {
    private static final String EXAMPLE = SpecExample.text();

    @Test
    void theInitExampleIsValid() {
        ServiceSpec spec = SpecParser.parse("landfall.yaml", EXAMPLE);
        assertEquals("api", spec.name());
        assertEquals(2, spec.regions().size());
        assertEquals(LoadBalancerKind.NLB, spec.loadBalancer());
        assertEquals(512, spec.cpu());
        assertEquals(30, spec.accelerator().healthCheckIntervalSeconds());
        assertTrue(spec.regions().get(0).store().secretArn().isPresent());
    }

    @Test
    void anInvalidFargateSizeListsTheValidMemoryForThatCpu() {
        LandfallException e = fails(EXAMPLE.replace("memory: 1024", "memory: 8192"));
        assertTrue(e.getMessage().startsWith("landfall.yaml:16:9: memory: "), e.getMessage());
        assertTrue(e.getMessage().contains("memory 8192 is not valid with cpu 512"), e.getMessage());
        assertEquals("with cpu 512 use memory 1024, 2048, 3072, 4096", e.hint().orElseThrow());
    }

    @Test
    void anUnknownCpuListsTheFargateCpus() {
        LandfallException e = fails(EXAMPLE.replace("cpu: 512", "cpu: 500"));
        assertTrue(
                e.hint().orElseThrow().contains("256, 512, 1024, 2048, 4096, 8192, 16384"),
                e.hint().get());
    }

    @Test
    void anUnknownRegionListsNearMatches() {
        LandfallException e = fails(EXAMPLE.replace("name: eu-west-1", "name: eu-wset-1"));
        assertTrue(e.getMessage().startsWith("landfall.yaml:48:11: regions[1].name: 'eu-wset-1'"), e.getMessage());
        assertTrue(
                e.hint().orElseThrow().startsWith("did you mean eu-west-1"),
                e.hint().get());
    }

    @Test
    void aSecretThatIsNotAnArnIsRefusedWithoutEchoingIt() {
        LandfallException e = fails(EXAMPLE.replace(
                "SESSION_KEY: arn:aws:secretsmanager:us-east-1:111122223333:secret:api/session-key-AbCdEf",
                "SESSION_KEY: hunter2-plaintext"));
        assertTrue(
                e.getMessage().startsWith("landfall.yaml:37:16: secrets.SESSION_KEY: is not a Secrets Manager or SSM"),
                e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
        assertFalse(e.hint().orElseThrow().contains("hunter2"));
    }

    @Test
    void aYamlSyntaxErrorNamesLineAndColumn() {
        LandfallException e = fails("name: api\nimage: [unclosed\nport: 8080\n");
        assertTrue(e.getMessage().matches("landfall\\.yaml:\\d+:\\d+: not valid YAML: .*"), e.getMessage());
        assertEquals(ErrorKind.USAGE, e.kind());
    }

    @Test
    void anUnknownFieldSuggestsTheClosestKnownOne() {
        LandfallException e = fails(EXAMPLE.replace("healthCheckPath:", "healthcheckPath:"));
        assertTrue(e.getMessage().contains("healthcheckPath: unknown field"), e.getMessage());
        assertEquals("did you mean healthCheckPath or healthCheck?", e.hint().orElseThrow());
    }

    @Test
    void aMissingFieldNamesItAndItsParent() {
        LandfallException e = fails(EXAMPLE.replace("  targetCpuPercent: 60\n", "  {}\n"));
        assertTrue(e.getMessage().contains("targetCpuPercent"), e.getMessage());
    }

    @Test
    void aPasswordInAStoreEndpointIsRefused() {
        LandfallException e = fails(EXAMPLE.replace(
                "endpoint: api-cache.abc123.euw1.cache.amazonaws.com:6379",
                "endpoint: redis://default:s3cr3t@cache:6379"));
        assertTrue(e.getMessage().contains("regions[1].store.endpoint: carries a password"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"));
        SpecParser.parse(
                "landfall.yaml",
                EXAMPLE.replace(
                        "endpoint: api-cache.abc123.euw1.cache.amazonaws.com:6379",
                        "endpoint: redis://app@cache:6379"));
    }

    @Test
    void aSecretLookingEnvironmentVariableIsRefused() {
        LandfallException e = fails(EXAMPLE.replace("LOG_LEVEL: info", "DB_PASSWORD: x"));
        assertTrue(e.getMessage().contains("environment.DB_PASSWORD: looks like a secret"), e.getMessage());
    }

    @Test
    void landfallNamesAreReserved() {
        LandfallException e = fails(EXAMPLE.replace("LOG_LEVEL: info", "LANDFALL_REGION: x"));
        assertTrue(
                e.getMessage().contains("environment.LANDFALL_REGION: LANDFALL_ names are reserved"), e.getMessage());
    }

    @Test
    void albNeedsTcpAndTwoSubnets() {
        String alb = EXAMPLE.replace("loadBalancer: nlb", "loadBalancer: alb");
        assertTrue(fails(alb.replace("protocol: TCP", "protocol: UDP"))
                .getMessage()
                .contains("an ALB needs TCP"));
        LandfallException e = fails(alb.replace(
                "subnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]",
                "subnetIds: [subnet-0123456789abcdef0]"));
        assertTrue(e.getMessage().contains("two availability zones"), e.getMessage());
    }

    @Test
    void taskCountsMustBeOrderedAndCutoverMustEndAt100() {
        assertTrue(
                fails(EXAMPLE.replace("min: 2", "min: 3")).getMessage().contains("tasks.min: is above tasks.desired"));
        assertTrue(fails(EXAMPLE.replace("[5, 25, 50, 100]", "[5, 25, 50]"))
                .getMessage()
                .contains("end at 100"));
        assertTrue(fails(EXAMPLE.replace("[5, 25, 50, 100]", "[25, 5, 100]"))
                .getMessage()
                .contains("increasing"));
    }

    @Test
    void healthCheckIntervalIsTenOrThirty() {
        assertTrue(fails(EXAMPLE.replace("intervalSeconds: 30", "intervalSeconds: 15"))
                .getMessage()
                .contains("must be one of 10, 30"));
    }

    private static LandfallException fails(String text) {
        LandfallException e = assertThrows(LandfallException.class, () -> SpecParser.parse("landfall.yaml", text));
        assertEquals(2, e.exitCode());
        return e;
    }
}
