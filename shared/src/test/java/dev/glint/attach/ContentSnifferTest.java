package dev.glint.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ContentSnifferTest {

    @Test
    void tellsTypesFromTheirMagicBytes() {
        assertEquals("application/pdf", type(ascii("%PDF-1.7\n%âãÏÓ\n")));
        assertEquals("application/pdf", type(ascii("\r\n\r\n%PDF-1.4\n")), "the header may follow junk in the first KiB");
        assertEquals("image/png", type(bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13)));
        assertEquals("image/jpeg", type(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F')));
        assertEquals("image/gif", type(ascii("GIF89a\u0001\u0000")));
        assertEquals("image/webp", type(ascii("RIFF\u0024\u0000\u0000\u0000WEBPVP8 ")));
        assertEquals("video/mp4", type(ascii("\u0000\u0000\u0000\u0018ftypisom\u0000\u0000\u0002\u0000")));
        assertEquals("video/quicktime", type(ascii("\u0000\u0000\u0000\u0014ftypqt  \u0000\u0000\u0002\u0000")));
        assertEquals("video/webm", type(concat(bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x84), ascii("webm"))));
        assertEquals("video/x-matroska", type(concat(bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x88), ascii("matroska"))));
        assertEquals("audio/mpeg", type(ascii("ID3\u0004\u0000\u0000")));
        assertEquals("audio/mpeg", type(bytes(0xFF, 0xFB, 0x90, 0x64)));
        assertEquals("application/octet-stream", type(bytes(0, 1, 2, 3, 0xFE, 0xFF)));
        assertEquals("application/octet-stream", type(new byte[0]));
    }

    @Test
    void tellsOfficeFilesByTheirZipEntriesAndOle2Streams() throws IOException {
        assertEquals(ContentSniffer.DOCX, type(zip("[Content_Types].xml", "_rels/.rels", "word/document.xml")));
        assertEquals(ContentSniffer.XLSX, type(zip("[Content_Types].xml", "xl/workbook.xml")));
        assertEquals(ContentSniffer.PPTX, type(zip("[Content_Types].xml", "ppt/presentation.xml")));
        assertEquals(ContentSniffer.ZIP, type(zip("readme.txt", "src/Main.java")));
        byte[] ole = new byte[4096];
        System.arraycopy(bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1), 0, ole, 0, 8);
        assertEquals(ContentSniffer.OLE2, ContentSniffer.sniff(ole, 10_000, "thing.bin", null).contentType());
        assertEquals(ContentSniffer.XLS, ContentSniffer.sniff(ole, 10_000, "Budget.XLS", null).contentType());
        byte[] word = ole.clone();
        byte[] name = "WordDocument".getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(name, 0, word, 1024, name.length);
        assertEquals(ContentSniffer.DOC, ContentSniffer.sniff(word, 10_000, "x.xls", null).contentType(),
                "the stream names in the bytes beat the extension");
    }

    @Test
    void textIsValidUtf8WithoutControlCharacters() {
        assertEquals("text/plain", type("Grüße, world\r\n\tok".getBytes(StandardCharsets.UTF_8)));
        assertEquals("text/csv", ContentSniffer.sniff(ascii("a,b\n1,2\n"), 8, "data.csv", null).contentType());
        assertEquals("application/octet-stream", type(ascii("nul\u0000inside")));
        assertEquals("application/octet-stream", type(bytes('a', 0xC3, 0x28)));
        // a head that ends in the middle of a character is still text when the file goes on
        byte[] cut = Arrays.copyOf("ab€".getBytes(StandardCharsets.UTF_8), 4);
        assertEquals("text/plain", ContentSniffer.sniff(cut, 100, "a.txt", null).contentType());
        assertEquals("application/octet-stream", ContentSniffer.sniff(cut, 4, "a.txt", null).contentType());
    }

    @Test
    void reportsAClaimTheBytesContradictButNotAnAlias() throws IOException {
        Sniffed lie = ContentSniffer.sniff(zip("notes.txt"), 200, "photo.png", "image/png");
        assertEquals(ContentSniffer.ZIP, lie.contentType());
        assertEquals(Optional.of("the client said image/png but the bytes are application/zip"), lie.contradiction());
        assertTrue(ContentSniffer.sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0), 4, "a.jpg", "image/JPG; q=1").contradiction().isEmpty());
        assertTrue(ContentSniffer.sniff(ascii("%PDF-1.4"), 8, "a.pdf", "application/octet-stream").contradiction().isEmpty());
        assertTrue(ContentSniffer.sniff(ascii("a,b"), 3, "a.csv", "text/plain").contradiction().isEmpty());
        assertEquals(Sniffed.Family.OFFICE, ContentSniffer.family(ContentSniffer.PPTX));
    }

    private static String type(byte[] head) {
        return ContentSniffer.sniff(head, head.length, "file", null).contentType();
    }

    private static byte[] zip(String... names) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(("content of " + name).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
