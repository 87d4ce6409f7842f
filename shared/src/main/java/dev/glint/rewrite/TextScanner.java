package dev.glint.rewrite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the {@code http}/{@code https} URLs of a text part, as a reader's mail client would link them. */
final class TextScanner {
    private static final Pattern URL_START = Pattern.compile("(?i)https?://");
    private static final String STOPS = "<>\"'";
    private static final String TRAILING = ".,;:!?";

    private TextScanner() {}

    static List<FoundLink> scan(String text) {
        List<FoundLink> links = new ArrayList<>();
        TagIndex tags = new TagIndex(TemplateTags.find(text));
        Matcher start = URL_START.matcher(text);
        int from = 0;
        while (from < text.length() && start.find(from)) {
            int begin = start.start();
            int rawEnd = start.end();
            while (rawEnd < text.length() && !stops(text.charAt(rawEnd))) {
                rawEnd++;
            }
            from = rawEnd;
            if (begin > 0 && Character.isLetterOrDigit(text.charAt(begin - 1))) {
                continue; // "xhttp://" starts no link
            }
            int end = trimmedEnd(text, start.end(), rawEnd);
            String url = text.substring(begin, end);
            LinkVerdict verdict = tags.touches(begin, rawEnd) ? new LinkVerdict.Keep("template") : LinkRule.judge(url);
            links.add(new FoundLink(MailPart.TEXT, "text", url, begin, end, true, verdict));
        }
        return links;
    }

    private static boolean stops(char c) {
        return c < ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c) || STOPS.indexOf(c) >= 0;
    }

    /** Drops sentence punctuation after a URL, and closing parentheses the URL did not open. */
    private static int trimmedEnd(String text, int min, int end) {
        int depth = 0; // opened minus closed parentheses within the URL
        for (int i = min; i < end; i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        int e = end;
        while (e > min) {
            char last = text.charAt(e - 1);
            if (TRAILING.indexOf(last) >= 0) {
                e--;
            } else if (last == ')' && depth < 0) {
                e--;
                depth++;
            } else {
                break;
            }
        }
        return e;
    }

    /**
     * "https://x.example/?id={{ id }}" stops at the space inside the tag: a tag that starts within
     * the URL or right after it makes the link unknown until the platform fills it in.
     */
    private static final class TagIndex {
        private final int[] starts;
        private final int[] maxEndSoFar;

        TagIndex(List<TemplateTags.Span> sorted) {
            starts = new int[sorted.size()];
            maxEndSoFar = new int[sorted.size()];
            int max = 0;
            for (int i = 0; i < starts.length; i++) {
                starts[i] = sorted.get(i).start();
                max = Math.max(max, sorted.get(i).end());
                maxEndSoFar[i] = max;
            }
        }

        /** Whether a tag starts at or before {@code rawEnd} and ends after {@code begin}. */
        boolean touches(int begin, int rawEnd) {
            int found = Arrays.binarySearch(starts, rawEnd);
            int count = found >= 0 ? upperBound(found) : -found - 1;
            return count > 0 && maxEndSoFar[count - 1] > begin;
        }

        private int upperBound(int found) {
            int i = found;
            while (i < starts.length && starts[i] == starts[found]) {
                i++;
            }
            return i;
        }
    }
}
