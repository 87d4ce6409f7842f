package dev.glint.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.token.TokenClaims;
import dev.glint.token.TokenKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every mail of the public HTML corpus through parse and stamp, and checks the copy
 * against an independent walk of the original with plain jsoup.
 */
class CorpusRewriteTest {
    private static final int REMOVE = 1;
    private static final Pattern TEMPLATE_TAG = Pattern.compile("\\{\\{|\\{%|<%|\\*\\||%[A-Za-z_]+%");

    static Stream<Named<Path>> corpusMails() throws IOException {
        String shared = System.getProperty("glint.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property glint.shared.dir is not set: run the tests through"
                    + " Maven (the parent pom sets it for surefire) or pass -Dglint.shared.dir=<shared dir>");
        }
        Path root = Path.of(shared, "corpus", "html-emails");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("the HTML corpus is missing: no directory " + root.toAbsolutePath()
                    + " (glint.shared.dir=" + shared + ")");
        }
        List<Path> mails;
        try (Stream<Path> files = Files.walk(root)) {
            mails = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        if (mails.isEmpty()) {
            throw new IllegalStateException("the HTML corpus at " + root + " holds no .html file");
        }
        return mails.stream().map(p -> Named.of(root.relativize(p).toString(), p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusMails")
    void rewritesEveryWebLinkAndNothingElse(Path mail) throws IOException {
        // GIVEN a real mail, and its links as a plain jsoup walk finds them
        String source = Files.readString(mail);
        List<Href> before = hrefs(source);

        // WHEN it is parsed once and stamped for one recipient with real tokens
        MailTemplate template = MailTemplate.parse(source, null);
        RewrittenMail copy = template.stamp(new SealingUrls(3));
        String output = copy.html();

        // THEN the copy has the same links in the same places (its hidden honeypot link aside)...
        List<Href> after = hrefs(output).stream().filter(h -> !SealingUrls.isHoneypot(h.value())).toList();
        assertEquals(before.size(), after.size(), "number of href attributes");
        Set<Integer> indexes = new HashSet<>();
        Set<Integer> rewrittenSpans = new HashSet<>();
        List<int[]> originalSpans = new ArrayList<>();
        List<int[]> outputSpans = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            Href original = before.get(i);
            Href stamped = after.get(i);
            if (isWebLink(original.value())) {
                // ...every web link now a click URL whose token opens to the original destination...
                TokenClaims claims = SealingUrls.openClick(stamped.value());
                assertEquals(SafeDestination.check(original.value()).orElseThrow(), claims.destination(),
                        "destination of " + original);
                assertEquals(3, claims.recipient());
                assertEquals(template.trackedLinks().get(claims.link()).destination(), claims.destination());
                indexes.add(claims.link());
                if (rewrittenSpans.add(original.start())) {
                    originalSpans.add(new int[] {original.start(), original.end()});
                    outputSpans.add(spanWithAddedQuotes(source, original, output, stamped));
                }
            } else {
                // ...and every other href byte-identical
                assertEquals(source.substring(original.start(), original.end()),
                        output.substring(stamped.start(), stamped.end()), "href of " + original + " changed");
            }
        }
        assertEquals(rewrittenSpans.size(), template.trackedLinks().size(), "links rewritten");
        assertEquals(rewrittenSpans.size(), indexes.size(), "each rewritten link has its own index");

        // AND it carries exactly one pixel, in the body, for this recipient
        Document stampedDoc = Jsoup.parse(output, "", Parser.htmlParser().setTrackPosition(true));
        Elements pixels = stampedDoc.select("img[src^=" + SealingUrls.OPEN + "]");
        assertEquals(1, pixels.size(), "pixels");
        assertEquals(1, copy.pixels());
        assertTrue(stampedDoc.body().getElementsByTag("img").contains(pixels.first()), "pixel outside the body");
        TokenClaims open = SealingUrls.open(pixels.first().attr("src"));
        assertEquals(TokenKind.OPEN, open.kind());
        assertEquals(3, open.recipient());

        // AND exactly one hidden, empty honeypot link for this recipient, right before the pixel
        Elements honeypots = stampedDoc.select("a[href^=" + SealingUrls.CLICK + "]").stream()
                .filter(a -> SealingUrls.isHoneypot(a.attr("href"))).collect(Elements::new, Elements::add, Elements::addAll);
        assertEquals(1, honeypots.size(), "honeypot links");
        assertEquals(1, copy.honeypots());
        Element honeypot = honeypots.first();
        assertEquals("", honeypot.text());
        assertEquals("true", honeypot.attr("aria-hidden"));
        assertTrue(honeypot.attr("style").contains("display:none"), "honeypot visible");
        TokenClaims trap = SealingUrls.open(honeypot.attr("href"));
        assertEquals(TokenKind.HONEYPOT, trap.kind());
        assertEquals(3, trap.recipient());
        Range pixelTag = pixels.first().sourceRange();
        assertEquals(pixelTag.startPos(), honeypot.endSourceRange().endPos(), "honeypot not right before the pixel");

        // AND exactly one beacon block: one style block (in the head when the source closes one) and
        // one empty, hidden element per read step plus one forward element, right before the honeypot link
        Elements styles = stampedDoc.select("style:containsData(.glint-r2{)");
        assertEquals(1, styles.size(), "beacon style blocks");
        assertEquals(1, copy.beacons());
        Elements beacons = stampedDoc.select("div.glint-r, div.glint-f");
        assertEquals(TokenClaims.READ_STEPS.size() + 1, beacons.size(), "beacon elements");
        for (Element beacon : beacons) {
            assertEquals("", beacon.text());
            assertEquals("true", beacon.attr("aria-hidden"));
        }
        assertEquals(beacons.last().endSourceRange().endPos(), honeypot.sourceRange().startPos(),
                "beacons not right before the honeypot link");
        String css = styles.first().data();
        for (int step : TokenClaims.READ_STEPS) {
            java.util.regex.Matcher url = Pattern.compile("@keyframes glint-r" + step + "\\{from,to\\{background-image:url\\(\"([^\"]+)\"\\)")
                    .matcher(css);
            assertTrue(url.find(), "read beacon " + step);
            TokenClaims read = SealingUrls.open(url.group(1));
            assertEquals(TokenKind.READ, read.kind());
            assertEquals(step, read.link());
            assertEquals(3, read.recipient());
        }
        java.util.regex.Matcher forward = Pattern.compile("\\.yahoo_quoted \\.glint-f\\{background-image:url\\(\"([^\"]+)\"\\)")
                .matcher(css);
        assertTrue(forward.find(), "forward beacon");
        assertEquals(TokenKind.FORWARD, SealingUrls.open(forward.group(1)).kind());

        // AND the visible text is unchanged
        assertEquals(Jsoup.parse(source).text(), Jsoup.parse(output).text());

        // AND outside the replaced values and the inserted honeypot and pixel, the source is unchanged
        Element style = styles.first();
        int styleStart = style.sourceRange().startPos();
        int styleEnd = style.endSourceRange().endPos();
        int inserted = beacons.first().sourceRange().startPos();
        if (styleEnd == inserted) { // no </head> in the source: the style went with the pixel
            inserted = styleStart;
        } else {
            outputSpans.add(new int[] {styleStart, styleEnd, REMOVE});
        }
        outputSpans.add(new int[] {inserted, pixelTag.endPos(), REMOVE});
        assertEquals(mask(source, originalSpans), mask(output, outputSpans),
                "source outside the rewritten values changed");
    }

    /** The test's own reading of the rule: an absolute http(s) URL, safe, with no template tag. */
    private static boolean isWebLink(String href) {
        String value = href.strip().toLowerCase(Locale.ROOT);
        return (value.startsWith("http://") || value.startsWith("https://"))
                && !TEMPLATE_TAG.matcher(href).find()
                && SafeDestination.check(href).isPresent();
    }

    /** An unquoted value gets quotes in the copy: count them as part of the replaced span. */
    private static int[] spanWithAddedQuotes(String source, Href original, String output, Href stamped) {
        char before = source.charAt(original.start() - 1);
        boolean wasQuoted = before == '"' || before == '\'';
        return wasQuoted
                ? new int[] {stamped.start(), stamped.end()}
                : new int[] {stamped.start() - 1, stamped.end() + 1};
    }

    /** {@code s} with each {start, end} span replaced by a NUL mark, and each {start, end, REMOVE} span cut out. */
    private static String mask(String s, List<int[]> spans) {
        List<int[]> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(span -> span[0]));
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int[] span : sorted) {
            out.append(s, at, span[0]).append(span.length > 2 ? "" : "\u0000");
            at = span[1];
        }
        return out.append(s.substring(at)).toString();
    }

    /** An href attribute and the source span of its value. */
    record Href(String element, String value, int start, int end) {}

    /** Every a/area href, then every href inside Outlook conditional comments, by a plain jsoup walk. */
    static List<Href> hrefs(String html) {
        Document doc = Jsoup.parse(html, "", Parser.htmlParser().setTrackPosition(true));
        List<Href> hrefs = new ArrayList<>();
        for (Element link : doc.select("a[href], area[href]")) {
            hrefs.add(href(link, 0));
        }
        for (Comment comment : doc.nodeStream(Comment.class).toList()) {
            if (comment.getData().startsWith("[if")) {
                int base = comment.sourceRange().startPos() + "<!--".length();
                Document inside = Parser.htmlParser().setTrackPosition(true).parseInput(comment.getData(), "");
                for (Element element : inside.select("[href]")) {
                    boolean link = element.normalName().matches("a|area|v:.+");
                    if (link) {
                        hrefs.add(href(element, base));
                    }
                }
            }
        }
        assertFalse(hrefs.stream().anyMatch(h -> h.start() < 0), "an href without a source position");
        return hrefs;
    }

    private static Href href(Element element, int base) {
        Range value = element.attributes().sourceRange("href").valueRange();
        return new Href(element.normalName(), element.attr("href"), base + value.startPos(), base + value.endPos());
    }
}
