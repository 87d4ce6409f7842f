package dev.glint.bench;

import dev.glint.rewrite.MailTemplate;
import dev.glint.rewrite.RewrittenMail;
import dev.glint.token.KeyRing;
import dev.glint.token.TokenSealer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the benchmarks (it takes JMH's command-line options) and prints each figure next to its
 * target. A target counts as met only when the whole 99.9% error bar is under it.
 */
public final class TargetReport {
    private static final double TOKEN_TARGET_US = 2.0;
    private static final double SEND_AFTER_PARSE_TARGET_US = 10_000.0;
    private static final double RELAY_TARGET_US = 50_000.0;
    private static final double ATTACHMENT_ACCESS_TARGET_US = 1_000.0;

    /** What one stamped copy of a corpus mail holds. */
    private record Copy(int sourceBytes, int copyBytes, int links) {
        static Copy of(String mail) {
            String html = CorpusMails.read(mail);
            MailTemplate template = MailTemplate.parse(html, null);
            RewrittenMail copy = template.stamp(RewriteBenchmark.urls(new TokenSealer(KeyRing.generate()), 0));
            return new Copy(utf8(html), utf8(copy.html()), template.trackedLinks().size());
        }

        private static int utf8(String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** A score in microseconds with its error bar; the error is NaN when JMH had too few iterations. */
    private record Figure(double score, double error) {
        static Figure of(Result<?> result) {
            return new Figure(result.getScore(), result.getScoreError());
        }

        String verdict(double target) {
            if (Double.isNaN(error)) {
                return score <= target ? "meets (no error bar)" : "MISSES (no error bar)";
            }
            if (score + error <= target) {
                return "meets";
            }
            return score <= target ? "meets within error" : "MISSES";
        }

        @Override
        public String toString() {
            return format(score) + " ± " + (Double.isNaN(error) ? "?" : format(error));
        }
    }

    private TargetReport() {}

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        Map<String, Figure> figures = new HashMap<>();
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark();
            // ":small"; with more parameters "mail" comes first, then the rest by name (":newsletter,mapped").
            StringBuilder params = new StringBuilder();
            String mail = run.getParams().getParam("mail");
            if (mail != null) {
                params.append(':').append(mail);
            }
            for (String key : new java.util.TreeSet<>(run.getParams().getParamsKeys())) {
                if (!key.equals("mail")) {
                    params.append(params.isEmpty() ? ":" : ",").append(run.getParams().getParam(key));
                }
            }
            figures.put(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1) + params,
                    Figure.of(run.getPrimaryResult()));
        }
        System.out.println();
        System.out.println("Glint benchmarks against targets (µs/op, ± 99.9% confidence half-width)");
        row("benchmark", "mail", "µs/op", "derived", "target", "verdict");
        for (String op : new String[] {"seal", "open"}) {
            Figure f = figures.get("TokenBenchmark." + op);
            if (f != null) {
                row("TokenBenchmark." + op, "-", f.toString(), "", "≤ 2 µs", f.verdict(TOKEN_TARGET_US));
            }
        }
        for (String mail : CorpusMails.NAMES) {
            Figure parse = figures.get("RewriteBenchmark.parse:" + mail);
            Figure stamp = figures.get("RewriteBenchmark.stamp:" + mail);
            Figure stamp50 = figures.get("RewriteBenchmark.stamp50:" + mail);
            Figure send = figures.get("RewriteBenchmark.send50:" + mail);
            if (parse == null && stamp == null && stamp50 == null && send == null) {
                continue;
            }
            Copy copy = Copy.of(mail);
            if (parse != null) {
                row("RewriteBenchmark.parse", mail, parse.toString(),
                        String.format(Locale.ROOT, "%.1f KB source, %d links", copy.sourceBytes() / 1000.0, copy.links()),
                        "-", "");
            }
            if (stamp != null) {
                row("RewriteBenchmark.stamp", mail, stamp.toString(),
                        String.format(Locale.ROOT, "%.0f MB/s of %.1f KB copy", copy.copyBytes() / stamp.score(),
                                copy.copyBytes() / 1000.0),
                        "-", "");
            }
            if (stamp50 != null) {
                row("RewriteBenchmark.stamp50", mail, stamp50.toString(),
                        String.format(Locale.ROOT, "%s µs per recipient", format(stamp50.score() / RewriteBenchmark.RECIPIENTS)),
                        "< 10 ms", stamp50.verdict(SEND_AFTER_PARSE_TARGET_US));
            }
            if (send != null) {
                row("RewriteBenchmark.send50", mail, send.toString(), "parse + 50 stamps", "-", "");
            }
        }
        relayRows(figures);
        attachmentRows(figures);
    }

    /** The attachment link's handler against 1 ms (network excluded), and the presign inside a download. */
    private static void attachmentRows(Map<String, Figure> figures) {
        Figure presign = figures.get("AttachmentAccessBenchmark.presign");
        for (String op : new String[] {"download", "view", "beacon"}) {
            Figure f = figures.get("AttachmentAccessBenchmark." + op);
            if (f != null) {
                String derived = switch (op) {
                    case "download" -> presign == null ? "302 to a presigned GET"
                            : String.format(Locale.ROOT, "302; presign is %.0f%% of it", 100 * presign.score() / f.score());
                    case "view" -> "200, viewer page";
                    default -> "204, 3 page beacons";
                };
                row("AttachmentAccess." + op, "-", f.toString(), derived, "≤ 1 ms", f.verdict(ATTACHMENT_ACCESS_TARGET_US));
            }
        }
        if (presign != null) {
            row("AttachmentAccess.presign", "-", presign.toString(), "SigV4 presigned GET, local", "-", "");
        }
    }

    /** The relay of one 200 KB message: prepare, one copy, and prepare plus 20 copies against 50 ms. */
    private static void relayRows(Map<String, Figure> figures) {
        for (String mail : new String[] {"newsletter", "corpus"}) {
            for (String bytes : new String[] {"mapped", "heap"}) {
                String params = mail + "," + bytes;
                Figure prepare = figures.get("RelayBenchmark.prepare:" + params);
                Figure copy = figures.get("RelayBenchmark.copyOne:" + params);
                Figure relay = figures.get("RelayBenchmark.relay20:" + params);
                if (prepare != null) {
                    row("RelayBenchmark.prepare", params, prepare.toString(), "scan + HTML decode and parse", "-", "");
                }
                if (copy != null) {
                    row("RelayBenchmark.copyOne", params, copy.toString(), String.format(Locale.ROOT,
                            "%.0f MB/s of a 200 KB message", RelayBenchmark.MESSAGE_BYTES / copy.score()), "-", "");
                }
                if (relay != null) {
                    row("RelayBenchmark.relay20", params, relay.toString(), String.format(Locale.ROOT, "%.2f ms, %s µs per recipient",
                            relay.score() / 1000, format(relay.score() / RelayMails.RECIPIENTS)), "≤ 50 ms",
                            relay.verdict(RELAY_TARGET_US));
                }
            }
        }
    }

    private static void row(String... cells) {
        System.out.printf(Locale.ROOT, "%-26s %-17s %-22s %-32s %-9s %s%n", (Object[]) cells);
    }

    private static String format(double micros) {
        return String.format(Locale.ROOT, micros >= 100 ? "%.0f" : micros >= 10 ? "%.1f" : "%.3f", micros);
    }
}
