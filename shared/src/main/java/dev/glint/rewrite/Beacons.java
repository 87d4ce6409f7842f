package dev.glint.rewrite;

import dev.glint.token.TokenClaims;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSS beacons of one copy: read beacons whose background images load {@link TokenClaims#READ_STEPS}
 * seconds after render, and a forward beacon whose image loads only when the copy is quoted inside a
 * reply or forward. No held connection: each step is one ordinary image request. Clients that strip
 * {@code <style>} or animations load none of them, which the stats report as such, never as a duration.
 *
 * @param readUrls one URL per step of {@link TokenClaims#READ_STEPS}, in the same order
 */
record Beacons(List<String> readUrls, String forwardUrl) {
    /** Where clients put the quoted original in a reply or forward: Gmail, Apple Mail, Outlook (two), Yahoo. */
    static final List<String> QUOTE_CONTAINERS = List.of(
            ".gmail_quote", "blockquote[type=cite]", "#divRplyFwdMsg ~ *", "#appendonsend ~ *", ".yahoo_quoted");

    // Rendered (1x1, empty): browsers skip background images of display:none elements.
    private static final String BOX = "display:block;width:1px;height:1px;max-height:1px;overflow:hidden;"
            + "line-height:1px;font-size:1px;mso-hide:all";

    Beacons {
        readUrls = List.copyOf(readUrls);
        if (readUrls.size() != TokenClaims.READ_STEPS.size()) {
            throw new IllegalArgumentException("one read URL per step " + TokenClaims.READ_STEPS);
        }
    }

    static Beacons of(TrackingUrls urls) {
        List<String> read = new ArrayList<>(TokenClaims.READ_STEPS.size());
        for (int step : TokenClaims.READ_STEPS) {
            read.add(urls.readUrl(step));
        }
        return new Beacons(read, urls.forwardUrl());
    }

    /** The one {@code <style>} block: a delayed, held animation per step, and the quote-only forward rule. */
    String style() {
        StringBuilder css = new StringBuilder(512 + 4 * forwardUrl.length()).append("<style type=\"text/css\">");
        for (int i = 0; i < readUrls.size(); i++) {
            String name = "glint-r" + TokenClaims.READ_STEPS.get(i);
            // The image is set only once the delay is over ("forwards" holds it after): one request at that moment.
            css.append('.').append(name).append("{animation:").append(name).append(" 1s linear ")
                    .append(TokenClaims.READ_STEPS.get(i)).append("s 1 forwards}")
                    .append("@keyframes ").append(name).append("{from,to{background-image:url(")
                    .append(cssString(readUrls.get(i))).append(")}}");
        }
        // A quoted copy is read by someone else: its read beacons must not count for this recipient.
        css.append(inQuotes(".glint-r")).append("{animation:none !important}");
        css.append(inQuotes(".glint-f")).append("{background-image:url(").append(cssString(forwardUrl)).append(")}");
        return css.append("</style>").toString();
    }

    /** The empty elements the style applies to, placed with the pixel. */
    String elements() {
        StringBuilder out = new StringBuilder(256);
        for (int step : TokenClaims.READ_STEPS) {
            out.append(element("glint-r glint-r" + step));
        }
        return out.append(element("glint-f")).toString();
    }

    private static String element(String classes) {
        return "<div class=\"" + classes + "\" aria-hidden=\"true\" style=\"" + BOX + "\"></div>";
    }

    private static String inQuotes(String selector) {
        return String.join(",", QUOTE_CONTAINERS.stream().map(q -> q + " " + selector).toList());
    }

    /** A quoted CSS string; anything that could end the string, the url() or the style element is escaped. */
    static String cssString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '<' || c == '>' || c < 0x20 || c == 0x7f) {
                out.append('\\').append(Integer.toHexString(c)).append(' ');
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
