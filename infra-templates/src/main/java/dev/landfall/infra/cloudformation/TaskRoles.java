package dev.landfall.infra.cloudformation;

import static dev.landfall.infra.cloudformation.Intrinsics.array;
import static dev.landfall.infra.cloudformation.Intrinsics.getAtt;
import static dev.landfall.infra.cloudformation.Intrinsics.object;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.infra.spec.RegionSpec;
import dev.landfall.infra.spec.SecretArn;
import dev.landfall.infra.spec.ServeSpec;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.TaskRoleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The two IAM roles of a task, least privilege: the execution role may pull the one ECR
 * repository, write to the one log group, read exactly the listed secret ARNs (and the registry
 * credentials) and decrypt with exactly the listed KMS keys; the task role (what the application
 * itself may call) has only what {@code taskRole} grants, nothing by default.
 */
final class TaskRoles {
    private static final Pattern ECR_IMAGE =
            Pattern.compile("(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/([^:@]+).*");

    private TaskRoles() {}

    static void add(CfnTemplate template, ServiceSpec spec, RegionSpec region) {
        ObjectNode execution = template.resource("ExecutionRole", "AWS::IAM::Role");
        execution.set("AssumeRolePolicyDocument", assumedByEcsTasks());
        execution.set("Tags", Intrinsics.tags(spec.name()));
        ArrayNode statements = array();
        statements.add(statement(
                List.of("logs:CreateLogStream", "logs:PutLogEvents"), array().add(getAtt("LogGroup", "Arn"))));
        // The service's image and the serve sidecar's, when they live in ECR.
        List<String> repositories = Stream.concat(
                        Stream.of(spec.imageFor(region)), spec.serve().map(ServeSpec::image).stream())
                .map(TaskRoles::ecrRepositoryArn)
                .flatMap(Optional::stream)
                .distinct()
                .toList();
        if (!repositories.isEmpty()) {
            // GetAuthorizationToken has no resource-level permissions: AWS requires "*" for it.
            statements.add(statement(List.of("ecr:GetAuthorizationToken"), array().add("*")));
            ArrayNode pulled = array();
            repositories.forEach(pulled::add);
            statements.add(statement(
                    List.of("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"),
                    pulled));
        }
        TreeSet<String> secretsManager = new TreeSet<>();
        TreeSet<String> parameters = new TreeSet<>();
        for (SecretArn arn : secretArns(spec, region)) {
            (arn.isSsmParameter() ? parameters : secretsManager).add(arn.resourceArn());
        }
        if (!secretsManager.isEmpty()) {
            ArrayNode resources = array();
            secretsManager.forEach(resources::add);
            statements.add(statement(List.of("secretsmanager:GetSecretValue"), resources));
        }
        if (!parameters.isEmpty()) {
            ArrayNode resources = array();
            parameters.forEach(resources::add);
            statements.add(statement(List.of("ssm:GetParameters"), resources));
        }
        if (!spec.secretsKmsKeyArns().isEmpty()) {
            // Secrets under a customer-managed key are unreadable without Decrypt on that key.
            ArrayNode keys = array();
            spec.secretsKmsKeyArns().forEach(keys::add);
            statements.add(statement(List.of("kms:Decrypt"), keys));
        }
        ObjectNode policy = execution.putArray("Policies").addObject().put("PolicyName", "task-execution");
        policy.putObject("PolicyDocument").put("Version", "2012-10-17").set("Statement", statements);

        ObjectNode task = template.resource("TaskRole", "AWS::IAM::Role");
        task.set("AssumeRolePolicyDocument", assumedByEcsTasks());
        TaskRoleSpec grants = spec.taskRole();
        if (!grants.policyArns().isEmpty()) {
            ArrayNode managed = task.putArray("ManagedPolicyArns");
            grants.policyArns().forEach(managed::add);
        }
        if (!grants.statements().isEmpty()) {
            ArrayNode allows = array();
            for (TaskRoleSpec.Statement grant : grants.statements()) {
                ArrayNode resources = array();
                grant.resources().forEach(resources::add);
                allows.add(statement(grant.actions(), resources));
            }
            ObjectNode own = task.putArray("Policies").addObject().put("PolicyName", "task");
            own.putObject("PolicyDocument").put("Version", "2012-10-17").set("Statement", allows);
        }
        task.set("Tags", Intrinsics.tags(spec.name()));
    }

    private static List<SecretArn> secretArns(ServiceSpec spec, RegionSpec region) {
        List<SecretArn> out = new ArrayList<>(spec.secretsFor(region).values());
        region.store().secretArn().ifPresent(out::add);
        spec.repositoryCredentials().ifPresent(out::add);
        return out;
    }

    /** The repository ARN when the image lives in ECR; other registries need no IAM permission. */
    static Optional<String> ecrRepositoryArn(String image) {
        Matcher m = ECR_IMAGE.matcher(image);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of("arn:aws:ecr:" + m.group(2) + ":" + m.group(1) + ":repository/" + m.group(3));
    }

    private static ObjectNode assumedByEcsTasks() {
        ObjectNode document = object().put("Version", "2012-10-17");
        ObjectNode statement = document.putArray("Statement").addObject();
        statement.put("Effect", "Allow").putObject("Principal").put("Service", "ecs-tasks.amazonaws.com");
        statement.put("Action", "sts:AssumeRole");
        return document;
    }

    private static ObjectNode statement(List<String> actions, ArrayNode resources) {
        ObjectNode statement = object().put("Effect", "Allow");
        ArrayNode action = statement.putArray("Action");
        actions.forEach(action::add);
        statement.set("Resource", resources);
        return statement;
    }
}
