package dev.glint.local;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code glint} command line: run the local stack, and debug tokens and rewrites. */
@Command(
        name = "glint",
        mixinStandardHelpOptions = true,
        versionProvider = GlintCli.Version.class,
        description = "Glint: email and document tracking. Runs the whole stack locally and helps debug it.",
        subcommands = {UpCommand.class, TokenCommand.class, RewriteCommand.class, ApiKeyCommand.class, ClassifyCommand.class,
                CommandLine.HelpCommand.class})
public final class GlintCli implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GlintCli()).setExecutionExceptionHandler(GlintCli::failure).execute(args));
    }

    /** Runs the CLI with the given output streams and returns its exit code (tests call this). */
    static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return new CommandLine(new GlintCli())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(GlintCli::failure)
                .execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: use up, token or rewrite");
    }

    /** Expected failures print one clear line, not a stack trace. */
    private static int failure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        cmd.getErr().println("glint " + cmd.getCommandName() + ": " + e.getMessage());
        return 1;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = GlintCli.class.getPackage().getImplementationVersion();
            return new String[] {"glint " + (version == null ? "development build" : version)};
        }
    }
}
