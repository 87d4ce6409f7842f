package dev.glint.infra;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A synth without built functions fails with the command that builds them. */
class FunctionCodesTest {

    @Test
    void missingJarsNameTheBuildCommandForEachFunction(@TempDir Path emptyRepository) {
        // GIVEN a repository where no function has been packaged
        // WHEN the app looks for the jars
        var thrown = assertThrows(IllegalStateException.class, () -> FunctionCodes.fromRepository(emptyRepository, true));
        // THEN the message names each missing jar and the command that builds it
        for (String name : new String[] {"track", "worker", "api", "inbound", "attachments", "converter"}) {
            assertTrue(thrown.getMessage().contains("functions/" + name + "/target/glint-" + name + "-lambda.jar"),
                    thrown.getMessage());
            assertTrue(thrown.getMessage().contains("./mvnw -pl functions/" + name + " -am package"), thrown.getMessage());
        }
    }

    @Test
    void missingJarsInACodeDirAreNamedToo(@TempDir Path emptyCodeDir) {
        // GIVEN an empty codeDir override
        // WHEN the app looks for the jars there
        var thrown = assertThrows(IllegalStateException.class, () -> FunctionCodes.fromDirectory(emptyCodeDir, Optional.empty()));
        // THEN the message names the jar expected in that directory
        assertTrue(thrown.getMessage().contains(emptyCodeDir.resolve("glint-worker-lambda.jar").toString()),
                thrown.getMessage());
    }
}
