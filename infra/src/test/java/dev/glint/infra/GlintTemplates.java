package dev.glint.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesizes {@link GlintStack} the way `cdk synth` does (cdk.json's context and feature flags) but with dummy
 * jars, so tests need no function build. Synthesis starts a node process and takes seconds: the default
 * template is built once per JVM and shared by every test class.
 */
final class GlintTemplates {
    /** A synthesized stack: the template for assertions, the stack for annotations. */
    record Synthesized(GlintStack stack, Template template) {}

    private static final AtomicInteger SYNTHS = new AtomicInteger();
    private static @Nullable Synthesized defaults;

    private GlintTemplates() {}

    /** The stack as cdk.json configures it. */
    static synchronized Synthesized defaults() {
        if (defaults == null) {
            defaults = synthesize(Map.of());
        }
        return defaults;
    }

    /** The stack with context values on top of cdk.json's (one synthesis per call: use sparingly). */
    static Synthesized synthesize(Map<String, Object> context) {
        Map<String, Object> merged = new HashMap<>(cdkJsonContext());
        merged.putAll(context);
        Path jars = dummyJars();
        try {
            App app = new App(AppProps.builder()
                    .context(merged)
                    .outdir(Path.of("target", "cdk-test.out", "synth-" + SYNTHS.incrementAndGet()).toString())
                    .build());
            GlintContext glint = GlintContext.from(app.getNode());
            // The converter image is staged from the real functions/converter (its Dockerfile), never built.
            Optional<Path> converter = glint.officeConversion()
                    ? Optional.of(FunctionCodes.converterDirectory(Path.of("..")))
                    : Optional.empty();
            GlintStack stack = new GlintStack(app, "GlintStack", new GlintStackProps(
                    FunctionCodes.fromDirectory(jars, converter), glint.sendingDomain(), glint.trackingBaseUrl(),
                    glint.trackingAddressDomain(), glint.uploadOrigin()));
            return new Synthesized(stack, Template.fromStack(stack));
        } finally {
            deleteRecursively(jars);
        }
    }

    private static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = new ObjectMapper().readValue(
                    Path.of("cdk.json").toFile(), new TypeReference<Map<String, Object>>() {});
            @SuppressWarnings("unchecked")
            Map<String, Object> context = (Map<String, Object>) cdkJson.get("context");
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("tests run from infra/ and read its cdk.json", e);
        }
    }

    private static Path dummyJars() {
        try {
            Path dir = Files.createTempDirectory("glint-dummy-jars");
            for (String name : FunctionCodes.NAMES) {
                try (OutputStream out = Files.newOutputStream(dir.resolve(FunctionCodes.jarName(name)));
                     ZipOutputStream zip = new ZipOutputStream(out)) {
                    zip.putNextEntry(new ZipEntry("README"));
                    zip.write(("placeholder for the " + name + " function").getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
