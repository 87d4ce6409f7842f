package dev.glint.rewrite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds merge and template tags ({@code {{…}}}, {@code {%…%}}, {@code <%…%>}, {@code *|…|*},
 * {@code %…%}): a link holding one is only known once the sending platform fills it in.
 */
final class TemplateTags {
    // Bounded lengths keep the search linear on hostile input such as a megabyte of "{{".
    private static final Pattern DELIMITED =
            Pattern.compile("\\{\\{.{0,200}?}}|\\{%.{0,200}?%}|<%.{0,200}?%>|\\*\\|.{0,200}?\\|\\*");
    private static final Pattern PERCENT = Pattern.compile("%[A-Za-z_][A-Za-z0-9_]{0,100}%");

    /** A tag's place in the text it was found in, end exclusive. */
    record Span(int start, int end) {}

    private TemplateTags() {}

    static boolean in(String s) {
        // Most links hold none of the opening characters: skip the regexes for them.
        if (s.indexOf('{') < 0 && s.indexOf('%') < 0 && s.indexOf('|') < 0) {
            return false;
        }
        return !find(s).isEmpty();
    }

    /** Every tag in {@code s}, sorted by start. */
    static List<Span> find(String s) {
        List<Span> spans = new ArrayList<>();
        Matcher delimited = DELIMITED.matcher(s);
        while (delimited.find()) {
            spans.add(new Span(delimited.start(), delimited.end()));
        }
        Matcher percent = PERCENT.matcher(s);
        int from = 0;
        while (from < s.length() && percent.find(from)) {
            int open = percent.start();
            int close = percent.end() - 1;
            // "%E2%80%99" is percent-encoding, not a tag: a tag has at least one '%' that is no escape.
            if (!isEscape(s, open) || !isEscape(s, close)) {
                spans.add(new Span(open, close + 1));
                from = close + 1;
            } else {
                from = close; // the closing '%' may open the next tag
            }
        }
        spans.sort(Comparator.comparingInt(Span::start));
        return spans;
    }

    private static boolean isEscape(String s, int percent) {
        return percent + 2 < s.length() && isHex(s.charAt(percent + 1)) && isHex(s.charAt(percent + 2));
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
