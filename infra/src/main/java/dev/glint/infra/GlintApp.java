package dev.glint.infra;

import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awscdk.App;

/** Entry point of `cdk synth`: reads the context values and synthesizes {@link GlintStack}. */
public final class GlintApp {
    private GlintApp() {}

    public static void main(String[] args) {
        App app = new App();
        GlintContext context = GlintContext.from(app.getNode());
        // exec:java passes the module directory; a plain `java` run from infra/ works too.
        Path infraDir = Path.of(System.getProperty("glint.infraDir", "")).toAbsolutePath().normalize();
        Path repositoryRoot = infraDir.getParent();
        FunctionCodes code = context.codeDir()
                .map(dir -> FunctionCodes.fromDirectory(infraDir.resolve(dir), context.officeConversion()
                        ? Optional.of(FunctionCodes.converterDirectory(repositoryRoot)) : Optional.empty()))
                .orElseGet(() -> FunctionCodes.fromRepository(repositoryRoot, context.officeConversion()));
        new GlintStack(app, "GlintStack",
                new GlintStackProps(code, context.sendingDomain(), context.trackingBaseUrl(),
                        context.trackingAddressDomain(), context.uploadOrigin()));
        app.synth();
    }
}
