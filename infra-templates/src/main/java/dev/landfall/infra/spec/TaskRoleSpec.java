package dev.landfall.infra.spec;

import java.util.List;

/**
 * What the application itself may call, granted to the task role (which otherwise has no
 * permission): managed policies by ARN, and plain allow statements.
 *
 * @param policyArns AWS-managed or customer-managed IAM policies to attach
 * @param statements inline allow statements
 */
public record TaskRoleSpec(List<String> policyArns, List<Statement> statements) {
    /** No grant: the task role stays empty. */
    public static final TaskRoleSpec NONE = new TaskRoleSpec(List.of(), List.of());

    public TaskRoleSpec {
        policyArns = List.copyOf(policyArns);
        statements = List.copyOf(statements);
    }

    /** Whether the task role gets any permission. */
    public boolean isEmpty() {
        return policyArns.isEmpty() && statements.isEmpty();
    }

    /**
     * One {@code Effect: Allow} statement. Deny is left out on purpose: the role starts empty, so
     * the allows are the whole grant.
     *
     * @param actions IAM actions, such as {@code s3:GetObject} or {@code dynamodb:*}
     * @param resources ARNs the actions apply to ({@code *} only where AWS has no resource level)
     */
    public record Statement(List<String> actions, List<String> resources) {
        public Statement {
            actions = List.copyOf(actions);
            resources = List.copyOf(resources);
        }
    }
}
