package dev.glint.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextPartTest {
    private static final Pattern CLICK_URL = Pattern.compile("https://t\\.example/c/[A-Za-z0-9_-]+");

    @Test
    void findsUrlsWithoutTheSentencePunctuationAroundThem() {
        // GIVEN links ending a sentence, inside parentheses, in angle brackets and in quotes
        String text = """
                Read https://x.example/a. Then https://x.example/b, or https://x.example/c!
                (see https://en.wikipedia.org/wiki/Foo_(bar)) and (https://x.example/d).
                <https://x.example/e> "https://x.example/f" 'https://x.example/g'?
                """;

        // WHEN parsed
        MailTemplate template = MailTemplate.parse(null, text);

        // THEN each URL is exactly the link a reader means
        assertEquals(List.of(
                "https://x.example/a", "https://x.example/b", "https://x.example/c",
                "https://en.wikipedia.org/wiki/Foo_(bar)", "https://x.example/d",
                "https://x.example/e", "https://x.example/f", "https://x.example/g"),
                template.trackedLinks().stream().map(TrackedLink::destination).toList());
    }

    @Test
    void replacesOnlyTheUrlsAndKeepsEveryOtherCharacter() {
        // GIVEN a text part
        String text = "Hi!\r\nYour order: https://shop.example/o/1?x=1&y=2.\r\nThanks (https://shop.example/).\r\n";

        // WHEN stamped
        String out = MailTemplate.parse(null, text).stamp(new SealingUrls(4)).text();

        // THEN the URLs are click URLs opening to the originals, and the rest is as written
        List<String> urls = CLICK_URL.matcher(out).results().map(MatchResult::group).toList();
        assertEquals("https://shop.example/o/1?x=1&y=2", SealingUrls.openClick(urls.get(0)).destination());
        assertEquals("https://shop.example/", SealingUrls.openClick(urls.get(1)).destination());
        assertEquals("Hi!\r\nYour order: #.\r\nThanks (#).\r\n", CLICK_URL.matcher(out).replaceAll("#"));
    }

    @Test
    void numbersTextLinksAfterHtmlLinksAndRepeatedDestinationsSeparately() {
        // GIVEN the same destination in both parts, twice in the text
        String html = "<body><a href=\"https://x.example/\">x</a><a href=\"mailto:a@x.example\">mail</a></body>";
        String text = "x: https://x.example/ again: https://x.example/";

        // WHEN parsed
        MailTemplate template = MailTemplate.parse(html, text);

        // THEN each occurrence has its own index, text after HTML
        assertEquals(List.of(
                new TrackedLink(0, "https://x.example/"),
                new TrackedLink(1, "https://x.example/"),
                new TrackedLink(2, "https://x.example/")), template.trackedLinks());
        assertEquals(List.of(MailPart.HTML, MailPart.HTML, MailPart.TEXT, MailPart.TEXT),
                template.linkReports().stream().map(LinkReport::part).toList());
        assertEquals(List.of(0, -1, 1, 2), template.linkReports().stream().map(LinkReport::index).toList());
    }

    @Test
    void leavesTemplatedAndUnsafeTextUrlsAlone() {
        // GIVEN a URL holding a spaced template tag, a merge tag, one with userinfo, and one glued to a word
        String text = "a https://x.example/?id={{ user.id }} b https://x.example/*|ID|* "
                + "c https://me@x.example/ d xhttps://x.example/";

        // WHEN stamped
        MailTemplate template = MailTemplate.parse(null, text);
        RewrittenMail copy = template.stamp(new SealingUrls(0));

        // THEN the text is unchanged and the reasons say why
        assertEquals(text, copy.text());
        assertEquals(List.of("template", "template", "unsafe"),
                template.linkReports().stream().map(LinkReport::reason).toList());
    }
}
