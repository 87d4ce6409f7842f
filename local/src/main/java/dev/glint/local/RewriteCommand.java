package dev.glint.local;

import dev.glint.model.Json;
import dev.glint.rewrite.LinkReport;
import dev.glint.rewrite.MailTemplate;
import dev.glint.rewrite.RewrittenMail;
import dev.glint.send.SealedTrackingUrls;
import dev.glint.token.TokenClaims;
import dev.glint.token.TokenResult;
import dev.glint.token.TokenSealer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code glint rewrite}: shows what Glint does to a mail, for one recipient. */
@Command(name = "rewrite", mixinStandardHelpOptions = true,
        description = "Rewrite an HTML mail (file or - for stdin) for one recipient and print it; "
                + "--json lists every link instead.")
final class RewriteCommand implements Callable<Integer> {
    private static final Pattern CLICK_URL = Pattern.compile("/c/([A-Za-z0-9_-]+)");

    @Parameters(index = "0", defaultValue = "-", description = "HTML file, or - for stdin (default).")
    String input;

    @Option(names = "--text", description = "Plain-text part to rewrite along with the HTML.")
    Path text;

    @Option(names = "--json", description = "Print every link found (href, rewritten or why not, decoded "
            + "destination) and the number of pixels, instead of the mail.")
    boolean json;

    @Option(names = "--base-url", defaultValue = "http://127.0.0.1:8787",
            description = "Tracking base URL (default: ${DEFAULT-VALUE}).")
    String baseUrl;

    @Option(names = "--keys", description = "Key ring JSON file (default: .glint/data/token-keys.json).")
    Path keys;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String html = read(input);
        String plain = text == null ? null : read(text.toString());
        TokenSealer sealer = new TokenSealer(CliKeys.load(keys == null ? CliKeys.DEFAULT_FILE : keys, keys != null));
        MailTemplate template = MailTemplate.parse(html, plain);
        SealedTrackingUrls urls = new SealedTrackingUrls(sealer, baseUrl.replaceAll("/+$", ""), "acct_cli",
                "em_cli", 0, Instant.now().plus(Duration.ofDays(1)));
        RewrittenMail copy = template.stamp(urls, true, true);
        if (!json) {
            spec.commandLine().getOut().print(copy.html() == null ? "" : copy.html());
            if (copy.text() != null) {
                spec.commandLine().getOut().print("\n\n--- text part ---\n" + copy.text());
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
        List<String> clickTokens = new ArrayList<>();
        Matcher m = CLICK_URL.matcher((copy.html() == null ? "" : copy.html()) + "\n" + (copy.text() == null ? "" : copy.text()));
        while (m.find()) {
            clickTokens.add(m.group(1));
        }
        Map<Integer, String> decoded = new LinkedHashMap<>();
        for (String token : clickTokens) {
            if (sealer.open(token, Instant.now()) instanceof TokenResult.Valid(TokenClaims c)) {
                decoded.put(c.link(), c.destination());
            }
        }
        List<Map<String, Object>> links = new ArrayList<>();
        for (LinkReport link : template.linkReports()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("part", link.part().name().toLowerCase(java.util.Locale.ROOT));
            row.put("element", link.element());
            row.put("href", link.href());
            row.put("rewritten", link.rewritten());
            if (link.rewritten()) {
                row.put("index", link.index());
                row.put("decodesTo", decoded.get(link.index()));
            } else {
                row.put("reason", link.reason());
            }
            links.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("links", links);
        out.put("rewritten", template.trackedLinks().size());
        out.put("pixels", copy.pixels());
        spec.commandLine().getOut().println(Json.write(out));
        return 0;
    }

    private String read(String name) throws IOException {
        try {
            return name.equals("-")
                    ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(name), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + name);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException(name + " is not UTF-8 text");
        }
    }
}
