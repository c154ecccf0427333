package dev.landfall.infra.terraform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.infra.serve.ServeHealthCheck;
import dev.landfall.infra.spec.ServeSpec;
import org.junit.jupiter.api.Test;

/**
 * The region module's task definition with a serve sidecar says what the CloudFormation one says:
 * the service waits for serve's health check, serve has its probe and a memory limit.
 * (TerraformToolIT has terraform validate the module.)
 */
class ServeSidecarModuleTest {

    @Test
    void theServiceStartsOnceServeIsHealthy() {
        ServeSpec serve = TerraformFiles.spec("serve-workerd").serve().orElseThrow();
        String main = TerraformFiles.files("serve-workerd").get("modules/region/main.tf");

        assertTrue(
                main.contains("dependsOn = [{ containerName = \"landfall-serve\", condition = \"HEALTHY\" }]"), main);
        assertTrue(main.contains("    memory      = 384\n"), main);
        assertTrue(
                main.contains("    healthCheck = {\n"
                        + "      command     = [\"CMD-SHELL\", " + HclWriter.string(ServeHealthCheck.command(serve))
                        + "]\n"
                        + "      interval    = " + ServeHealthCheck.INTERVAL_SECONDS + "\n"
                        + "      timeout     = " + ServeHealthCheck.TIMEOUT_SECONDS + "\n"
                        + "      retries     = " + ServeHealthCheck.RETRIES + "\n"
                        + "      startPeriod = " + ServeHealthCheck.START_PERIOD_SECONDS + "\n"
                        + "    }\n"),
                main);
    }
}
