package dev.glint.local;

import dev.glint.classify.HitClassifier;
import dev.glint.classify.HitLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code glint classify}: the worker's hit classification, offline, on JSON Lines. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {
            "Classify hits read as JSON Lines on standard input; print one verdict line per hit, in order.",
            "Input:  {\"id\": \"…\", \"kind\": \"open\"|\"click\", \"method\": \"GET\", \"ip\": \"…\", \"user_agent\": \"…\","
                    + " \"headers\": {\"lower-case-name\": \"value\"}, \"seconds_since_send\": n}",
            "Output: {\"id\": \"…\", \"verdict\": \"human\"|\"proxy_open\"|\"privacy_prefetch\"|\"scanner\","
                    + " \"reasons\": [\"…\"], \"client\": \"…\"}",
            "A bad line prints {\"line\": N, \"error\": \"…\"} and the run goes on. Exit code 0 unless standard input"
                    + " cannot be read."})
final class ClassifyCommand implements Callable<Integer> {
    private final InputStream in;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    ClassifyCommand() {
        this(System.in);
    }

    /** Tests pass their own standard input. */
    ClassifyCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() {
        HitLines lines = new HitLines(HitClassifier.load());
        PrintWriter out = spec.commandLine().getOut();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        try {
            lines.classify(reader, out);
        } catch (HitLines.UnreadableInputException e) {
            spec.commandLine().getErr().println("glint classify: cannot read standard input after line "
                    + e.linesRead() + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("glint classify: cannot write standard output: " + e.getMessage());
            return 1;
        }
        return out.checkError() ? 1 : 0;
    }
}
