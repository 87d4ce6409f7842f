package dev.glint.local;

import dev.glint.auth.ApiKeys;
import dev.glint.config.AwsClients;
import dev.glint.model.Ids;
import dev.glint.store.DynamoApiKeyStore;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code glint api-key create}: issues an API key into a deployed stack's main table. */
@Command(name = "api-key", mixinStandardHelpOptions = true,
        description = "Manage API keys in a deployed stack (credentials and region from the usual AWS sources).",
        subcommands = ApiKeyCommand.Create.class)
final class ApiKeyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: use create");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key and print it once; only its SHA-256 hash is stored.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--table", required = true, description = "The stack's main table (output MainTableName).")
        String table;

        @Option(names = "--account", description = "Account id the key acts for (default: a new account).")
        String account;

        @Option(names = "--name", defaultValue = "cli", description = "A label for the key (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--region", description = "AWS region (default: $AWS_REGION, else us-east-1).")
        String region;

        @Option(names = "--endpoint", description = "DynamoDB endpoint override, e.g. a local emulator.")
        URI endpoint;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            String r = region != null ? region : Optional.ofNullable(System.getenv("AWS_REGION")).orElse("us-east-1");
            try (DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder(), Optional.ofNullable(endpoint), r)) {
                String owner = account != null ? account : Ids.account();
                String key = new ApiKeys(new DynamoApiKeyStore(dynamo, table)).create(owner, name);
                spec.commandLine().getOut().println(key);
                spec.commandLine().getErr().println("account " + owner + ": keep the key; it is not shown again.");
            }
            return 0;
        }
    }
}
