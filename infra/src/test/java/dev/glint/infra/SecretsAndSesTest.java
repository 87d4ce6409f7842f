package dev.glint.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The token keyring secret and SES sending: generated keys, and mail only from the configured identity. */
class SecretsAndSesTest {
    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = GlintTemplates.defaults().template();
    }

    @Test
    void keyringSecretIsGeneratedInTheFormatTheRuntimeReads() {
        // GIVEN the synthesized stack
        // WHEN we read the keyring secret
        // THEN CloudFormation generates {"current":"1","1":<48 alphanumerics>} and keeps it when the stack goes
        assertEquals(1, template.findResources("AWS::SecretsManager::Secret").size());
        template.hasResource("AWS::SecretsManager::Secret", Map.of(
                "Properties", Match.objectLike(Map.of("GenerateSecretString", Map.of(
                        "SecretStringTemplate", "{\"current\":\"1\"}",
                        "GenerateStringKey", "1",
                        "PasswordLength", 48,
                        "ExcludePunctuation", true))),
                "DeletionPolicy", "Retain"));
    }

    @Test
    void sesSendsFromTheConfiguredDomainThroughTheConfigurationSet() {
        // GIVEN cdk.json's sendingDomain
        // WHEN we read the SES identity
        // THEN it is that domain, bound to the stack's configuration set
        String configurationSet = template.findResources("AWS::SES::ConfigurationSet").keySet().iterator().next();
        template.hasResourceProperties("AWS::SES::EmailIdentity", Map.of(
                "EmailIdentity", "glint.example",
                "ConfigurationSetAttributes", Map.of("ConfigurationSetName", Map.of("Ref", configurationSet))));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.glint.api.ApiHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "GLINT_SES_CONFIGURATION_SET", Map.of("Ref", configurationSet))))));
    }

    @Test
    void apiMaySendOnlyAsTheIdentityAndThroughTheConfigurationSet() {
        // GIVEN the SES identity and configuration set
        String identity = template.findResources("AWS::SES::EmailIdentity").keySet().iterator().next();
        String configurationSet = template.findResources("AWS::SES::ConfigurationSet").keySet().iterator().next();
        // WHEN we look for the statement granting ses:SendEmail
        // THEN its resources are exactly those two ARNs in this account and region
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Map.of(
                        "Effect", "Allow",
                        "Action", List.of("ses:SendEmail", "ses:SendRawEmail"),
                        "Resource", List.of(sesArn("configuration-set/", configurationSet),
                                sesArn("identity/", identity)))))))));
    }

    @Test
    void dkimRecordsAreOutputsForTheDomainsDns() {
        // GIVEN the synthesized stack
        // WHEN we read its outputs
        // THEN the three DKIM CNAME records are there to publish
        for (int i = 1; i <= 3; i++) {
            template.hasOutput("DkimRecord" + i, Map.of("Value", Match.anyValue()));
        }
    }

    private static Map<String, Object> sesArn(String resourcePrefix, String logicalId) {
        return Map.of("Fn::Join", List.of("", List.of(
                "arn:", Map.of("Ref", "AWS::Partition"), ":ses:", Map.of("Ref", "AWS::Region"), ":",
                Map.of("Ref", "AWS::AccountId"), ":" + resourcePrefix, Map.of("Ref", logicalId))));
    }
}
