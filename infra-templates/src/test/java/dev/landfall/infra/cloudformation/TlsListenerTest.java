package dev.landfall.infra.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.infra.spec.CertificateArn;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A region with a certificate terminates TLS at its load balancer (ALB: HTTPS, NLB: TLS) with the
 * modern policy; the target group, the security groups and Global Accelerator's TCP listener on
 * the same port stay as they are.
 */
class TlsListenerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anAlbWithACertificateListensHttpsAndForwardsHttp() throws IOException {
        JsonNode resources = resources("three-region", "region-us-east-1.json");
        JsonNode listener = resources.at("/Listener/Properties");
        assertEquals("HTTPS", listener.get("Protocol").asText());
        assertEquals(CertificateArn.SSL_POLICY, listener.get("SslPolicy").asText());
        assertEquals(
                "arn:aws:acm:us-east-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9",
                listener.at("/Certificates/0/CertificateArn").asText());
        assertEquals(80, listener.get("Port").asInt());
        assertEquals("HTTP", resources.at("/TargetGroup/Properties/Protocol").asText());
        assertEquals(
                80,
                resources
                        .at("/LoadBalancerSecurityGroup/Properties/SecurityGroupIngress/0/FromPort")
                        .asInt());

        JsonNode plain = resources("three-region", "region-eu-west-1.json").at("/Listener/Properties");
        assertEquals("HTTP", plain.get("Protocol").asText(), "a region without a certificate");
        assertFalse(plain.has("Certificates") || plain.has("SslPolicy"));
    }

    @Test
    void anNlbWithACertificateListensTlsAndForwardsTcp() throws IOException {
        JsonNode resources = resources("tls-nlb", "region-us-west-2.json");
        JsonNode listener = resources.at("/Listener/Properties");
        assertEquals("TLS", listener.get("Protocol").asText());
        assertEquals(CertificateArn.SSL_POLICY, listener.get("SslPolicy").asText());
        assertEquals(443, listener.get("Port").asInt());
        assertFalse(listener.has("AlpnPolicy"), "no ALPN: the tasks get plain TCP and may not speak HTTP/2");
        assertEquals("TCP", resources.at("/TargetGroup/Properties/Protocol").asText());
        assertEquals(
                "HTTP",
                resources.at("/TargetGroup/Properties/HealthCheckProtocol").asText());
        JsonNode ingress = resources.at("/LoadBalancerSecurityGroup/Properties/SecurityGroupIngress");
        assertEquals(1, ingress.size());
        assertEquals(443, ingress.at("/0/FromPort").asInt());
        assertEquals(443, ingress.at("/0/ToPort").asInt());
        assertEquals(
                8443,
                resources
                        .at("/TaskSecurityGroup/Properties/SecurityGroupIngress/0/FromPort")
                        .asInt());

        JsonNode ga =
                JSON.readTree(Generated.files("tls-nlb").get("global.json")).at("/Resources/Listener/Properties");
        assertEquals("TCP", ga.get("Protocol").asText(), "GA passes the TLS bytes through");
        assertEquals(443, ga.at("/PortRanges/0/FromPort").asInt());
    }

    private static JsonNode resources(String spec, String file) throws IOException {
        return JSON.readTree(Generated.files(spec).get(file)).get("Resources");
    }
}
