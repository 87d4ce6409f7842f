package dev.glint.config;

import dev.glint.token.KeyRing;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Loads the token key ring once at start-up: inline JSON locally, Secrets Manager in AWS. */
public final class TokenKeys {
    /** Inline key ring JSON; the local runner sets it. */
    public static final String INLINE = "GLINT_TOKEN_KEYS";
    /** ARN or name of the Secrets Manager secret holding the key ring JSON. */
    public static final String SECRET = "GLINT_TOKEN_KEYS_SECRET";

    private TokenKeys() {}

    public static KeyRing load(Env env) {
        Optional<String> inline = env.optional(INLINE);
        if (inline.isPresent()) {
            return KeyRing.fromJson(inline.get());
        }
        String secretId = env.require(SECRET);
        Optional<URI> endpoint = env.optional("GLINT_AWS_ENDPOINT").map(URI::create);
        try (SecretsManagerClient client = AwsClients.build(
                SecretsManagerClient.builder(), endpoint, env.require("AWS_REGION"))) {
            return KeyRing.fromJson(client.getSecretValue(r -> r.secretId(secretId)).secretString());
        }
    }
}
