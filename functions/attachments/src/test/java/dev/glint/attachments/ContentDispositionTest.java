package dev.glint.attachments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void filenamesInAnyScriptAreEncodedPerRfc5987WithAnAsciiFallback() {
        assertEquals("attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf",
                ContentDisposition.attachment("report.pdf"));
        assertEquals("attachment; filename=\"___.txt\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.txt",
                ContentDisposition.attachment("日本語.txt"));
        // quotes, backslashes, semicolons and line breaks cannot break out of the header value
        assertEquals("attachment; filename=\"a_b_ c;d_.pdf\"; filename*=UTF-8''a%22b%5C%20c%3Bd%0D.pdf",
                ContentDisposition.attachment("a\"b\\ c;d\r.pdf"));
        assertEquals("inline; filename=\"x_y.pdf\"; filename*=UTF-8''x%F0%9F%93%84y.pdf",
                ContentDisposition.inline("x📄y.pdf"));
    }

    @Test
    void presignedUrlLifetimeMustBeBetweenOneAndFiveMinutes() {
        assertEquals(60, AttachmentsConfig.urlLifetime(60).toSeconds());
        assertEquals(300, AttachmentsConfig.urlLifetime(300).toSeconds());
        assertThrows(IllegalStateException.class, () -> AttachmentsConfig.urlLifetime(59));
        assertThrows(IllegalStateException.class, () -> AttachmentsConfig.urlLifetime(301));
    }
}
