package dev.landfall.infra.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Global Accelerator and ECS as far as the cutover uses them, answering the AWS JSON 1.1 protocol
 * inside WireMock: one accelerator with a listener and an endpoint group per region, an ECS
 * service per region, and faults to inject. Every request is checked against the stored AWS
 * service models and recorded in order.
 */
public final class FakeAws implements ResponseDefinitionTransformerV2 {
    static final String ACCOUNT = "111122223333";
    static final String ACCELERATOR_ARN = "arn:aws:globalaccelerator::" + ACCOUNT + ":accelerator/1234abcd";
    static final String LISTENER_ARN = ACCELERATOR_ARN + "/listener/0123vxyz";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/([a-z]+)/aws4_request");

    private final AwsServiceModel ga = AwsServiceModel.load("globalaccelerator-2018-08-08");
    private final AwsServiceModel ecs = AwsServiceModel.load("ecs-2014-11-13");

    /** One request as received. */
    public record Call(String target, JsonNode body, String signingRegion) {}

    static final class Group {
        final String arn;
        double dial;
        String health = "HEALTHY";

        Group(String arn, double dial) {
            this.arn = arn;
            this.dial = dial;
        }
    }

    static final class EcsService {
        int desired = 2;
        int running = 2;
        String rollout = "COMPLETED";
    }

    String acceleratorName = "api";
    int port = 443;
    final Map<String, Group> groups = new LinkedHashMap<>();
    final Map<String, EcsService> services = new HashMap<>();
    final List<Call> calls = new ArrayList<>();
    final List<String> modelViolations = new ArrayList<>();
    final Map<String, Integer> throttleNext = new HashMap<>();
    final Map<String, String> denied = new HashMap<>();
    int inProgressPolls = 2;
    private int pendingInProgress;

    /** Adds a region: an endpoint group at {@code dial} and a steady ECS service. */
    public FakeAws region(String region, double dial) {
        groups.put(region, new Group(ACCELERATOR_ARN + "/listener/0123vxyz/endpoint-group/" + region, dial));
        services.put(region, new EcsService());
        return this;
    }

    @Override
    public String getName() {
        return "fake-aws";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        String target = event.getRequest().getHeader("X-Amz-Target");
        String auth = event.getRequest().getHeader("Authorization");
        Matcher scope = SCOPE.matcher(auth == null ? "" : auth);
        String signingRegion = scope.find() ? scope.group(1) : "";
        JsonNode body;
        try {
            body = JSON.readTree(event.getRequest().getBodyAsString());
        } catch (IOException e) {
            return error(400, "SerializationException", "bad JSON");
        }
        calls.add(new Call(target, body, signingRegion));
        String operation = target.substring(target.indexOf('.') + 1);
        AwsServiceModel model = target.startsWith(ga.targetPrefix()) ? ga : ecs;
        model.check(operation, body).forEach(v -> modelViolations.add(target + ": " + v));
        if (!"application/x-amz-json-1.1".equals(event.getRequest().getHeader("Content-Type"))) {
            modelViolations.add(target + ": Content-Type " + event.getRequest().getHeader("Content-Type"));
        }
        if (denied.containsKey(operation)) {
            return error(400, "AccessDeniedException", denied.get(operation));
        }
        Integer throttles = throttleNext.get(operation);
        if (throttles != null && throttles > 0) {
            throttleNext.put(operation, throttles - 1);
            return error(400, "ThrottlingException", "Rate exceeded");
        }
        return switch (target) {
            case "GlobalAccelerator_V20180706.ListAccelerators" -> ok(listAccelerators());
            case "GlobalAccelerator_V20180706.DescribeAccelerator" -> ok(describeAccelerator());
            case "GlobalAccelerator_V20180706.ListListeners" -> ok(listListeners());
            case "GlobalAccelerator_V20180706.ListEndpointGroups" -> ok(listEndpointGroups());
            case "GlobalAccelerator_V20180706.DescribeEndpointGroup" -> describeEndpointGroup(body);
            case "GlobalAccelerator_V20180706.UpdateEndpointGroup" -> updateEndpointGroup(body);
            case "AmazonEC2ContainerServiceV20141113.DescribeServices" -> ok(describeServices(signingRegion, body));
            default -> error(400, "UnknownOperationException", target);
        };
    }

    /** The requests of one operation, in order. */
    public synchronized List<Call> calls(String operation) {
        return calls.stream().filter(c -> c.target().endsWith("." + operation)).toList();
    }

    /** Every request, in order. */
    public synchronized List<Call> allCalls() {
        return List.copyOf(calls);
    }

    /** A region's dial as Global Accelerator holds it now. */
    public synchronized double dial(String region) {
        return groups.get(region).dial;
    }

    /** Sets every endpoint of a region to {@code state} (HEALTHY, UNHEALTHY, INITIAL). */
    public synchronized void health(String region, String state) {
        groups.get(region).health = state;
    }

    /** Requests that did not match AWS's service models; empty when all did. */
    public synchronized List<String> modelViolations() {
        return List.copyOf(modelViolations);
    }

    private ObjectNode listAccelerators() {
        ObjectNode out = JSON.createObjectNode();
        out.putArray("Accelerators")
                .addObject()
                .put("AcceleratorArn", ACCELERATOR_ARN)
                .put("Name", acceleratorName)
                .put("Status", "DEPLOYED")
                .put("Enabled", true);
        return out;
    }

    private ObjectNode describeAccelerator() {
        ObjectNode out = JSON.createObjectNode();
        String status = "DEPLOYED";
        if (pendingInProgress > 0) {
            pendingInProgress--;
            status = "IN_PROGRESS";
        }
        out.putObject("Accelerator")
                .put("AcceleratorArn", ACCELERATOR_ARN)
                .put("Name", acceleratorName)
                .put("Status", status);
        return out;
    }

    private ObjectNode listListeners() {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode listener = out.putArray("Listeners")
                .addObject()
                .put("ListenerArn", LISTENER_ARN)
                .put("Protocol", "TCP");
        listener.putArray("PortRanges").addObject().put("FromPort", port).put("ToPort", port);
        return out;
    }

    private ObjectNode listEndpointGroups() {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("EndpointGroups");
        groups.forEach((region, group) -> list.add(groupJson(region, group)));
        return out;
    }

    private ResponseDefinition describeEndpointGroup(JsonNode body) {
        String arn = body.path("EndpointGroupArn").asText();
        for (var entry : groups.entrySet()) {
            if (entry.getValue().arn.equals(arn)) {
                ObjectNode out = JSON.createObjectNode();
                out.set("EndpointGroup", groupJson(entry.getKey(), entry.getValue()));
                return ok(out);
            }
        }
        return error(400, "EndpointGroupNotFoundException", "no endpoint group " + arn);
    }

    private ResponseDefinition updateEndpointGroup(JsonNode body) {
        String arn = body.path("EndpointGroupArn").asText();
        for (var entry : groups.entrySet()) {
            if (entry.getValue().arn.equals(arn)) {
                if (body.has("TrafficDialPercentage")) {
                    entry.getValue().dial = body.path("TrafficDialPercentage").asDouble();
                }
                pendingInProgress = inProgressPolls;
                ObjectNode out = JSON.createObjectNode();
                out.set("EndpointGroup", groupJson(entry.getKey(), entry.getValue()));
                return ok(out);
            }
        }
        return error(400, "EndpointGroupNotFoundException", "no endpoint group " + arn);
    }

    private ObjectNode groupJson(String region, Group group) {
        ObjectNode node = JSON.createObjectNode()
                .put("EndpointGroupArn", group.arn)
                .put("EndpointGroupRegion", region)
                .put("TrafficDialPercentage", group.dial);
        node.putArray("EndpointDescriptions")
                .addObject()
                .put("EndpointId", "arn:aws:elasticloadbalancing:" + region + ":" + ACCOUNT + ":loadbalancer/net/api/1")
                .put("Weight", 128)
                .put("HealthState", group.health);
        return node;
    }

    private ObjectNode describeServices(String region, JsonNode body) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("services");
        out.putArray("failures");
        EcsService service = services.get(region);
        String name = body.path("services").path(0).asText();
        if (service == null) {
            out.withArray("failures").addObject().put("arn", name).put("reason", "MISSING");
            return out;
        }
        ObjectNode s = list.addObject()
                .put("serviceName", name)
                .put("status", "ACTIVE")
                .put("desiredCount", service.desired)
                .put("runningCount", service.running);
        s.putArray("deployments")
                .addObject()
                .put("id", "ecs-svc/1")
                .put("status", "PRIMARY")
                .put("rolloutState", service.rollout);
        return out;
    }

    private static ResponseDefinition ok(JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "req-1")
                .withBody(body.toString())
                .build();
    }

    private static ResponseDefinition error(int status, String type, String message) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "req-1")
                .withBody(JSON.createObjectNode()
                        .put("__type", type)
                        .put("message", message)
                        .toString())
                .build();
    }
}
