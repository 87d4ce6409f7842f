package dev.glint.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Content-Type values as senders write them, well or badly. */
class ContentTypeTest {

    @Test
    void readsAQuotedBoundaryWithSpacesSemicolonsAndEquals() {
        ContentType type = ContentType.parse("multipart/mixed; boundary=\"----=_Part; one two=three\"; charset=utf-8",
                ContentType.TEXT_PLAIN);

        assertEquals("multipart/mixed", type.mediaType());
        assertEquals("----=_Part; one two=three", type.parameter("boundary"));
        assertEquals("utf-8", type.parameter("charset"));
    }

    @Test
    void readsEscapesInQuotedValues() {
        ContentType type = ContentType.parse("multipart/mixed; boundary=\"a\\\"(b)c\"", ContentType.TEXT_PLAIN);

        assertEquals("a\"(b)c", type.parameter("boundary"));
    }

    @Test
    void dropsComments() {
        ContentType type = ContentType.parse("text/html (rich (nested) text); charset=iso-8859-1 (Latin 1)",
                ContentType.TEXT_PLAIN);

        assertEquals("text/html", type.mediaType());
        assertEquals("iso-8859-1", type.parameter("charset"));
    }

    @Test
    void keepsParenthesesInsideQuotes() {
        ContentType type = ContentType.parse("multipart/related; boundary=\"(not a comment)\"", ContentType.TEXT_PLAIN);

        assertEquals("(not a comment)", type.parameter("boundary"));
    }

    @Test
    void theFirstOfDuplicateParametersWins() {
        ContentType type = ContentType.parse("text/plain; charset=us-ascii; CHARSET=utf-8", ContentType.TEXT_PLAIN);

        assertEquals("us-ascii", type.parameter("charset"));
    }

    @Test
    void lowerCasesTypeAndParameterNamesButNotValues() {
        ContentType type = ContentType.parse("TEXT/HTML; CHARSET=UTF-8; Boundary=AbC", ContentType.TEXT_PLAIN);

        assertEquals("text", type.type());
        assertEquals("html", type.subtype());
        assertEquals(Map.of("charset", "UTF-8", "boundary", "AbC"), type.parameters());
        assertEquals(true, type.is("text/html"));
    }

    @Test
    void aMissingSubtypeGivesTheFallbackWithTheParameters() {
        for (String value : new String[] {"text; charset=koi8-r", "text/; charset=koi8-r", "/html; charset=koi8-r"}) {
            ContentType type = ContentType.parse(value, ContentType.TEXT_PLAIN);

            assertEquals("text/plain", type.mediaType(), value);
            assertEquals("koi8-r", type.parameter("charset"), value);
        }
    }

    @Test
    void strayAndDoubledSemicolonsAndEmptyValuesAreTolerated() {
        ContentType type = ContentType.parse("multipart/mixed;; ; boundary=foo;; name; charset=;", ContentType.TEXT_PLAIN);

        assertEquals("multipart/mixed", type.mediaType());
        assertEquals("foo", type.parameter("boundary"));
        assertEquals("", type.parameter("charset"));
        assertNull(type.parameter("name"));
    }

    @Test
    void anUnquotedBoundaryMayHoldEquals() {
        ContentType type = ContentType.parse("multipart/alternative;\r\n boundary=----=_NextPart_000_0093", ContentType.TEXT_PLAIN);

        assertEquals("----=_NextPart_000_0093", type.parameter("boundary"));
    }

    @Test
    void noValueGivesTheFallbackItself() {
        assertSame(ContentType.MESSAGE_RFC822, ContentType.parse(null, ContentType.MESSAGE_RFC822));
    }

    @Test
    void dispositionIsItsFirstToken() {
        assertEquals("attachment", ContentType.disposition(" Attachment ; filename=\"a;b.html\""));
        assertEquals("inline", ContentType.disposition("INLINE"));
        assertEquals("", ContentType.disposition(null));
    }
}
