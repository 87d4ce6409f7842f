package dev.glint.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.lambda.AssetImageCodeProps;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The deployment packages of the functions: one shaded jar each, and, when Office conversion is on, the converter's
 * container image (built by {@code cdk deploy} from {@code functions/converter/}, which holds its Dockerfile).
 */
public record FunctionCodes(Code track, Code worker, Code api, Code inbound, Code attachments, Optional<Code> converter) {
    /** The function names, as in {@code functions/<name>} and {@code glint-<name>-lambda.jar}. */
    public static final List<String> NAMES = List.of("track", "worker", "api", "inbound", "attachments");
    /** The converter's module: its Dockerfile copies this module's jar into the image. */
    public static final String CONVERTER = "converter";

    public FunctionCodes {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(inbound, "inbound");
        Objects.requireNonNull(attachments, "attachments");
        Objects.requireNonNull(converter, "converter");
    }

    /**
     * The jars Maven builds: {@code functions/<name>/target/glint-<name>-lambda.jar} under the repository root, and
     * with {@code officeConversion} the converter image, whose jar must be built too.
     */
    public static FunctionCodes fromRepository(Path repositoryRoot, boolean officeConversion) {
        Function<String, Path> jarOf = name -> moduleDirectory(repositoryRoot, name).resolve("target").resolve(jarName(name));
        List<String> names = new ArrayList<>(NAMES);
        if (officeConversion) {
            names.add(CONVERTER);
        }
        requirePresent(names, jarOf, name -> "build it with ./mvnw -pl functions/" + name + " -am package");
        return from(jarOf, officeConversion ? Optional.of(converterDirectory(repositoryRoot)) : Optional.empty());
    }

    /**
     * Jars named {@code glint-<name>-lambda.jar} in one directory (the {@code codeDir} context value), and the
     * converter image from {@code converterDirectory} when given (staged as it is: its jar is not checked).
     */
    public static FunctionCodes fromDirectory(Path directory, Optional<Path> converterDirectory) {
        Function<String, Path> jarOf = name -> directory.resolve(jarName(name));
        requirePresent(NAMES, jarOf,
                name -> "put one there, or drop -c codeDir to use ./mvnw -pl functions/" + name + " -am package");
        return from(jarOf, converterDirectory);
    }

    /** {@code functions/converter}: the converter image's Docker build context. */
    public static Path converterDirectory(Path repositoryRoot) {
        return moduleDirectory(repositoryRoot, CONVERTER);
    }

    static String jarName(String function) {
        return "glint-" + function + "-lambda.jar";
    }

    private static Path moduleDirectory(Path repositoryRoot, String name) {
        return repositoryRoot.resolve("functions").resolve(name);
    }

    private static void requirePresent(List<String> names, Function<String, Path> jarOf,
                                       Function<String, String> remedy) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            Path jar = jarOf.apply(name).toAbsolutePath().normalize();
            if (!Files.isRegularFile(jar)) {
                missing.add(jar + " is missing: " + remedy.apply(name));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Lambda jars not found:\n  " + String.join("\n  ", missing));
        }
    }

    private static FunctionCodes from(Function<String, Path> jarOf, Optional<Path> converterDirectory) {
        return new FunctionCodes(asset(jarOf.apply("track")), asset(jarOf.apply("worker")), asset(jarOf.apply("api")),
                asset(jarOf.apply("inbound")), asset(jarOf.apply("attachments")),
                converterDirectory.map(FunctionCodes::image));
    }

    private static Code asset(Path jar) {
        return Code.fromAsset(jar.toAbsolutePath().normalize().toString());
    }

    /**
     * Synthesis only copies the directory into cdk.out (its .dockerignore keeps it to the Dockerfile and the jar);
     * {@code cdk deploy} builds the image with Docker and pushes it to the bootstrap repository.
     */
    private static Code image(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("Dockerfile"))) {
            throw new IllegalStateException(dir.resolve("Dockerfile") + " is missing: the converter image is built from it");
        }
        // arm64 like every other function; on an x86_64 machine Docker builds it through QEMU (buildx).
        return Code.fromAssetImage(dir.toString(), AssetImageCodeProps.builder().platform(Platform.LINUX_ARM64).build());
    }
}
