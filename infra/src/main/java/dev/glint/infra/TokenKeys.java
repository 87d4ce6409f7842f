package dev.glint.infra;

import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The token keyring in Secrets Manager, read once at function start-up. Its JSON is
 * {@code {"current":"<key id>","<key id>":"<secret of 32+ chars>",...}}; CloudFormation creates key "1" with
 * 48 random alphanumerics. Rotate by adding a key and pointing "current" at it; keep old keys while their mail lives.
 */
public final class TokenKeys extends Construct {
    private final Secret secret;

    public TokenKeys(Construct scope, String id, TokenKeysProps props) {
        super(scope, id);
        secret = Secret.Builder.create(this, "Secret")
                .description("Glint tracking token keyring: {\"current\": key id, <key id>: secret}")
                .generateSecretString(SecretStringGenerator.builder()
                        .secretStringTemplate("{\"current\":\"1\"}")
                        .generateStringKey("1")
                        .passwordLength(48)
                        .excludePunctuation(true)
                        .build())
                .removalPolicy(props.removalPolicy())
                .build();
    }

    public ISecret secret() {
        return secret;
    }

    public String secretArn() {
        return secret.getSecretArn();
    }

    public void grantRead(IGrantable grantee) {
        secret.grantRead(grantee);
    }
}
