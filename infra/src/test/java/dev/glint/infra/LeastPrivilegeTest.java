package dev.glint.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** RELIABILITY.md "Infrastructure": one role per function, only the actions it uses, on only its resources. */
class LeastPrivilegeTest {
    private static Template template;
    private static Map<String, Object> resources;

    @BeforeAll
    static void synthesize() {
        template = GlintTemplates.defaults().template();
        resources = TemplateJson.resources(template);
    }

    @Test
    void everyFunctionRunsUnderARoleOfItsOwn() {
        // GIVEN the synthesized stack
        // WHEN we collect the role of every function
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function");
        Set<String> roles = new HashSet<>();
        for (Map<String, Object> function : functions.values()) {
            roles.add(TemplateJson.getAttTarget(TemplateJson.properties(function).get("Role")));
        }
        // THEN five functions run under five distinct roles that only Lambda may assume
        assertEquals(5, functions.size(), "functions");
        assertEquals(5, roles.size(), "distinct roles: " + roles);
        for (String role : roles) {
            Map<String, Object> trust = TemplateJson.map(
                    TemplateJson.properties(TemplateJson.map(resources.get(role))).get("AssumeRolePolicyDocument"));
            assertEquals("lambda.amazonaws.com",
                    TemplateJson.path(TemplateJson.list(trust.get("Statement")).get(0), "Principal", "Service"));
        }
    }

    @Test
    void noRoleCarriesAManagedPolicy() {
        // GIVEN the synthesized stack
        // WHEN we look at every role
        // THEN none carries a managed policy (AWSLambdaBasicExecutionRole writes to any log group)
        template.findResources("AWS::IAM::Role").forEach((id, role) ->
                assertFalse(TemplateJson.properties(role).containsKey("ManagedPolicyArns"), id));
    }

    @Test
    void noPolicyStatementAllowsAnyActionOrAnyResource() {
        // GIVEN every IAM policy document in the template (policies, managed policies, inline role policies)
        List<Map<String, Object>> statements = allIamStatements();
        assertTrue(statements.size() >= 9, "walked too few statements: " + statements.size());
        // WHEN we read each statement's actions and literal resources
        List<String> offences = new ArrayList<>();
        for (Map<String, Object> statement : statements) {
            for (Object action : TemplateJson.listOrSingle(statement.get("Action"))) {
                if (action.equals("*") || action.toString().endsWith(":*")) {
                    offences.add("action " + action);
                }
            }
            for (Object resource : TemplateJson.listOrSingle(statement.get("Resource"))) {
                String literal = TemplateJson.literalText(resource);
                if (literal.equals("*") || literal.contains(":*")) {
                    offences.add("resource " + resource);
                }
            }
            if (statement.containsKey("NotAction") || statement.containsKey("NotResource")) {
                offences.add("NotAction/NotResource in " + statement);
            }
        }
        // THEN none is a wildcard (a table's own "/index/*" is scoped to that table and allowed)
        assertEquals(List.of(), offences);
    }

    @Test
    void eachFunctionIsGrantedOnlyTheServicesItUses() {
        // GIVEN the synthesized stack
        // WHEN we collect the actions each function's role may perform
        // THEN the track function may enqueue and read the keys but not touch tables or send mail,
        Set<String> track = actionsOf("TrackFunction");
        assertTrue(track.containsAll(Set.of("sqs:SendMessage", "secretsmanager:GetSecretValue")), track.toString());
        assertEquals(Set.of("logs", "sqs", "secretsmanager"), services(track));
        assertFalse(track.contains("sqs:ReceiveMessage"), track.toString());
        // the worker may consume the queue and write tables but not read the keys or send mail,
        Set<String> worker = actionsOf("WorkerFunction");
        assertTrue(worker.containsAll(Set.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "dynamodb:PutItem")),
                worker.toString());
        assertEquals(Set.of("logs", "sqs", "dynamodb"), services(worker));
        assertFalse(worker.contains("sqs:SendMessage"), worker.toString());
        // the api may use tables, keys, SES and attachment objects but no queue (and no converter: there is none),
        Set<String> api = actionsOf("ApiFunction");
        assertTrue(api.containsAll(Set.of("dynamodb:Query", "secretsmanager:GetSecretValue", "ses:SendEmail",
                "ses:SendRawEmail", "s3:PutObject")), api.toString());
        assertEquals(Set.of("logs", "dynamodb", "secretsmanager", "ses", "s3"), services(api));
        // the attachment links may read objects and one table, open tokens and report hits, and write nothing,
        Set<String> attachments = actionsOf("AttachmentsFunction");
        assertEquals(Set.of("logs", "s3", "dynamodb", "sqs", "secretsmanager"), services(attachments));
        assertFalse(attachments.contains("dynamodb:PutItem") || attachments.contains("s3:PutObject"),
                attachments.toString());
        // and the inbound relay may read raw mail, use tables, keys and SES, and report failures to its queue only.
        Set<String> inbound = actionsOf("InboundFunction");
        assertEquals(Set.of("logs", "s3", "dynamodb", "secretsmanager", "ses", "sqs"), services(inbound));
        assertFalse(inbound.contains("sqs:ReceiveMessage"), inbound.toString());
    }

    private static Set<String> actionsOf(String functionLogicalId) {
        return actionsOf(template, functionLogicalId);
    }

    private static Set<String> services(Set<String> actions) {
        Set<String> services = new TreeSet<>();
        actions.forEach(a -> services.add(a.substring(0, a.indexOf(':'))));
        return services;
    }

    /** Every action in the policies attached to the role of the function with this logical id. */
    static Set<String> actionsOf(Template template, String functionLogicalId) {
        Map<String, Object> resources = TemplateJson.resources(template);
        String role = TemplateJson.getAttTarget(
                TemplateJson.properties(TemplateJson.map(resources.get(functionLogicalId))).get("Role"));
        Set<String> actions = new TreeSet<>();
        template.findResources("AWS::IAM::Policy").values().forEach(policy -> {
            Map<String, Object> props = TemplateJson.properties(policy);
            boolean attached = TemplateJson.list(props.get("Roles")).stream()
                    .anyMatch(r -> role.equals(TemplateJson.map(r).get("Ref")));
            if (attached) {
                for (Object s : TemplateJson.list(TemplateJson.map(props.get("PolicyDocument")).get("Statement"))) {
                    TemplateJson.listOrSingle(TemplateJson.map(s).get("Action")).forEach(a -> actions.add(a.toString()));
                }
            }
        });
        return actions;
    }

    private static List<Map<String, Object>> allIamStatements() {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object resource : resources.values()) {
            Map<String, Object> r = TemplateJson.map(resource);
            Map<String, Object> props = TemplateJson.properties(r);
            List<Object> documents = new ArrayList<>();
            switch (String.valueOf(r.get("Type"))) {
                case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" -> documents.add(props.get("PolicyDocument"));
                case "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group" -> {
                    for (Object inline : TemplateJson.listOrSingle(props.get("Policies"))) {
                        documents.add(TemplateJson.map(inline).get("PolicyDocument"));
                    }
                }
                default -> { }
            }
            for (Object document : documents) {
                for (Object s : TemplateJson.listOrSingle(TemplateJson.map(document).get("Statement"))) {
                    statements.add(TemplateJson.map(s));
                }
            }
        }
        return statements;
    }
}
