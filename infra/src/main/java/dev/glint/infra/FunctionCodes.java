package dev.glint.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awscdk.services.lambda.Code;

/** The deployment packages of the functions, one shaded jar each. */
public record FunctionCodes(Code track, Code worker, Code api, Code inbound) {
    /** The function names, as in {@code functions/<name>} and {@code glint-<name>-lambda.jar}. */
    public static final List<String> NAMES = List.of("track", "worker", "api", "inbound");

    public FunctionCodes {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(inbound, "inbound");
    }

    /** The jars Maven builds: {@code functions/<name>/target/glint-<name>-lambda.jar} under the repository root. */
    public static FunctionCodes fromRepository(Path repositoryRoot) {
        return from(name -> repositoryRoot.resolve("functions").resolve(name).resolve("target").resolve(jarName(name)),
                name -> "build it with ./mvnw -pl functions/" + name + " -am package");
    }

    /** Jars named {@code glint-<name>-lambda.jar} in one directory (the {@code codeDir} context value). */
    public static FunctionCodes fromDirectory(Path directory) {
        return from(name -> directory.resolve(jarName(name)),
                name -> "put one there, or drop -c codeDir to use ./mvnw -pl functions/" + name + " -am package");
    }

    static String jarName(String function) {
        return "glint-" + function + "-lambda.jar";
    }

    private static FunctionCodes from(Function<String, Path> jarOf, Function<String, String> remedy) {
        List<String> missing = new ArrayList<>();
        for (String name : NAMES) {
            Path jar = jarOf.apply(name).toAbsolutePath().normalize();
            if (!Files.isRegularFile(jar)) {
                missing.add(jar + " is missing: " + remedy.apply(name));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Lambda jars not found:\n  " + String.join("\n  ", missing));
        }
        return new FunctionCodes(asset(jarOf.apply("track")), asset(jarOf.apply("worker")), asset(jarOf.apply("api")),
                asset(jarOf.apply("inbound")));
    }

    private static Code asset(Path jar) {
        return Code.fromAsset(jar.toAbsolutePath().normalize().toString());
    }
}
