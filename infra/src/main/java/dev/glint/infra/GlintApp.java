package dev.glint.infra;

import java.nio.file.Path;
import software.amazon.awscdk.App;

/** Entry point of `cdk synth`: reads the context values and synthesizes {@link GlintStack}. */
public final class GlintApp {
    private GlintApp() {}

    public static void main(String[] args) {
        App app = new App();
        GlintContext context = GlintContext.from(app.getNode());
        // exec:java passes the module directory; a plain `java` run from infra/ works too.
        Path infraDir = Path.of(System.getProperty("glint.infraDir", "")).toAbsolutePath().normalize();
        FunctionCodes code = context.codeDir()
                .map(dir -> FunctionCodes.fromDirectory(infraDir.resolve(dir)))
                .orElseGet(() -> FunctionCodes.fromRepository(infraDir.getParent()));
        new GlintStack(app, "GlintStack",
                new GlintStackProps(code, context.sendingDomain(), context.trackingBaseUrl(),
                        context.trackingAddressDomain()));
        app.synth();
    }
}
