package dev.glint.local;

import dev.glint.local.emulator.AwsClients;
import dev.glint.local.emulator.Emulator;
import dev.glint.local.emulator.EmulatorOptions;
import dev.glint.local.emulator.Emulators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** For store tests: dynalite alone, in memory, with Glint's tables created. */
record LocalDynamo(Emulators emulators, DynamoDbClient dynamo) implements AutoCloseable {

    static LocalDynamo start() throws IOException {
        Emulators emulators = Emulators.start(EmulatorOptions.inMemory(
                Path.of(System.getProperty("glint.emulators.dir")),
                Files.createTempDirectory("glint-dynamo-logs")).only(Emulator.DYNALITE));
        DynamoDbClient dynamo = AwsClients.dynamoDb(emulators);
        LocalResources.createTables(dynamo);
        return new LocalDynamo(emulators, dynamo);
    }

    @Override
    public void close() {
        try {
            dynamo.close();
        } finally {
            emulators.close();
        }
    }
}
