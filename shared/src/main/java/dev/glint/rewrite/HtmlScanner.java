package dev.glint.rewrite;

import dev.glint.token.TokenClaims;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;

/**
 * Finds the links of an HTML part, with the source position of each value, and the place for the
 * pixel: one position-tracking parse, plus one parse of each Outlook conditional comment.
 */
final class HtmlScanner {
    /** A URL no mail holds, to find the probe pixel again. */
    private static final String PROBE = "glint-pixel-probe:";

    /**
     * What the scan found.
     *
     * @param links every link, in source order
     * @param pixelAt where the pixel is inserted, or -1 when no place makes it render
     * @param styleAt where the beacons' style block is inserted (before an explicit {@code </head>}),
     *     or -1: then it goes with the pixel
     */
    record HtmlScan(List<FoundLink> links, int pixelAt, int styleAt) {}

    private HtmlScanner() {}

    static HtmlScan scan(String html) {
        Document doc = Jsoup.parse(html, "", trackingParser());
        List<FoundLink> links = new ArrayList<>();
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof Element element && isAnchor(element)) {
                links.add(link(html, element, 0));
            } else if (node instanceof Comment comment && isConditional(comment)) {
                addCommentLinks(html, comment, links);
            }
        }, doc);
        Element head = doc.head();
        int styleAt = endsExplicitly(html, head, "</head") ? head.endSourceRange().startPos() : -1;
        return new HtmlScan(inSourceOrder(links), pixelPosition(html, doc), styleAt);
    }

    private static Parser trackingParser() {
        return Parser.htmlParser().setTrackPosition(true);
    }

    private static boolean isAnchor(Element element) {
        String name = element.normalName();
        return (name.equals("a") || name.equals("area")) && element.hasAttr("href");
    }

    private static boolean isConditional(Comment comment) {
        return comment.getData().regionMatches(true, 0, "[if", 0, 3);
    }

    /** Whether "href=" appears, whatever the case and spacing. */
    private static boolean mentionsHref(String data) {
        for (int i = data.indexOf('='); i >= 0; i = data.indexOf('=', i + 1)) {
            int end = i;
            while (end > 0 && data.charAt(end - 1) <= ' ') {
                end--;
            }
            if (end >= 4 && data.regionMatches(true, end - 4, "href", 0, 4)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Outlook renders the markup inside {@code <!--[if mso]>…<![endif]-->}, which is a comment to
     * every parser: parse its data on its own and map offsets back ("<!--" is 4 characters).
     */
    private static void addCommentLinks(String html, Comment comment, List<FoundLink> links) {
        String data = comment.getData();
        if (!mentionsHref(data)) {
            return; // most conditional comments hold only table scaffolding: skip their parse
        }
        Range range = comment.sourceRange();
        int base = range.startPos() + 4;
        if (!range.isTracked() || !html.startsWith("<!--", range.startPos()) || !html.startsWith(data, base)) {
            return; // the data is not the source as written (a replaced NUL, say): leave the comment alone
        }
        for (Node node : trackingParser().parseFragmentInput(data, new Element("body"), "")) {
            if (node instanceof Element root) {
                for (Element element : root.getAllElements()) {
                    boolean vml = element.normalName().startsWith("v:") && element.hasAttr("href");
                    if (vml || isAnchor(element)) {
                        links.add(link(html, element, base));
                    }
                }
            }
        }
    }

    private static FoundLink link(String html, Element element, int base) {
        String href = element.attr("href");
        Range value = element.attributes().sourceRange("href").valueRange();
        int start = base + value.startPos();
        int end = base + value.endPos();
        LinkVerdict verdict = LinkRule.judge(href);
        boolean located = value.isTracked() && base <= start && start <= end && end <= html.length()
                && decodesTo(html, start, end, href);
        if (!located) {
            start = -1;
            end = -1;
            if (verdict instanceof LinkVerdict.Rewrite) {
                verdict = new LinkVerdict.Keep("position-unknown"); // never replace a span we cannot vouch for
            }
        }
        return new FoundLink(MailPart.HTML, element.normalName(), href, start, end, isQuoted(html, start, end), verdict);
    }

    private static boolean decodesTo(String html, int start, int end, String value) {
        String raw = html.substring(start, end);
        return (raw.indexOf('&') < 0 ? raw : Parser.unescapeEntities(raw, true)).equals(value);
    }

    private static boolean isQuoted(String html, int start, int end) {
        if (start < 1 || end < 0 || end >= html.length()) {
            return false;
        }
        char before = html.charAt(start - 1);
        return (before == '"' || before == '\'') && html.charAt(end) == before;
    }

    /** Sorted by position; elements the tree builder cloned (misnested {@code <a>}) share a span and count once. */
    private static List<FoundLink> inSourceOrder(List<FoundLink> links) {
        List<FoundLink> sorted = new ArrayList<>(links);
        sorted.sort(Comparator.comparingInt(FoundLink::start));
        List<FoundLink> unique = new ArrayList<>(sorted.size());
        for (FoundLink link : sorted) {
            FoundLink last = unique.isEmpty() ? null : unique.get(unique.size() - 1);
            boolean clone = last != null && link.start() >= 0 && last.start() == link.start() && last.end() == link.end();
            if (!clone) {
                unique.add(link);
            }
        }
        return unique;
    }

    /**
     * Before {@code </body>} when the source has one; the parser honoured it, so an image placed
     * there lands in the body. Otherwise before {@code </html>}, at the end, or at the start of the
     * body, whichever a probe parse shows renders exactly one pixel (the end may sit inside an
     * unclosed comment or {@code <select>}, say).
     */
    private static int pixelPosition(String html, Document doc) {
        Element body = doc.body();
        if (endsExplicitly(html, body, "</body")) {
            return body.endSourceRange().startPos();
        }
        List<Integer> candidates = new ArrayList<>();
        Element root = doc.firstElementChild();
        if (root != null && endsExplicitly(html, root, "</html")) {
            candidates.add(root.endSourceRange().startPos());
        }
        candidates.add(html.length());
        Node first = body.firstChild();
        if (first != null && first.sourceRange().isTracked() && !first.sourceRange().isImplicit()) {
            candidates.add(first.sourceRange().startPos());
        }
        for (int at : candidates) {
            if (rendersOnePixel(html, at)) {
                return at;
            }
        }
        return -1;
    }

    private static boolean endsExplicitly(String html, Element element, String endTag) {
        Range end = element.endSourceRange();
        return end.isTracked() && !end.isImplicit()
                && html.regionMatches(true, end.startPos(), endTag, 0, endTag.length());
    }

    /** Whether the pixel, and the honeypot link inserted before it, land once each in the body there. */
    private static boolean rendersOnePixel(String html, int at) {
        Beacons beacons = new Beacons(TokenClaims.READ_STEPS.stream().map(step -> PROBE).toList(), PROBE);
        Document probe = Jsoup.parse(html.substring(0, at) + beacons.style() + beacons.elements()
                + SourceTemplate.honeypotTag(PROBE) + SourceTemplate.pixelTag(PROBE) + html.substring(at));
        long inDocument = probe.getElementsByTag("img").stream().filter(img -> PROBE.equals(img.attr("src"))).count();
        long inBody = probe.body().getElementsByTag("img").stream().filter(img -> PROBE.equals(img.attr("src"))).count();
        long links = probe.body().getElementsByTag("a").stream().filter(a -> PROBE.equals(a.attr("href"))).count();
        long beaconElements = probe.body().getElementsByClass("glint-f").size();
        return inDocument == 1 && inBody == 1 && links == 1 && beaconElements == 1
                && probe.body().normalName().equals("body");
    }
}
