package dev.glint.bench;

import dev.glint.mime.TransferCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Deterministic mail as a tracking-address relay receives it: multipart/mixed { multipart/related
 * { multipart/alternative { text/plain QP, text/html QP }, inline PNG by cid }, PDF attachment },
 * with SES's trace fields and a DKIM signature on top and {@value #RECIPIENTS} tracking addresses
 * in To and Cc. The same seed gives the same bytes.
 */
final class RelayMails {
    static final String TRACKING_DOMAIN = "t.glint.example";
    static final int RECIPIENTS = 20;
    /** Tracked links in {@link #newsletterHtml}: 19 articles with two links each, the web view and the preferences page. */
    static final int NEWSLETTER_LINKS = 40;
    private static final String CRLF = "\r\n";
    private static final Base64.Encoder MIME_BASE64 = Base64.getMimeEncoder(); // 76 columns, CRLF
    private static final String[] WORDS = {
        "the", "winter", "collection", "arrives", "with", "café", "crème", "brûlée", "naïve", "Grüße", "über", "façade",
        "déjà", "vu", "—", "Zürich", "São", "Paulo", "München", "€49", "señor", "piñata", "jalapeño", "smørrebrød",
        "東京", "ラーメン", "北京", "서울", "Ελλάδα", "Москва", "🎉", "🚀", "naturally", "our", "customers", "asked",
        "for", "more", "colours", "and", "sizes", "so", "we", "listened", "free", "delivery", "on", "every", "order",
        "this", "week", "only", "limited", "stock", "hand-made", "in", "small", "batches", "by", "people", "who", "care",
    };

    private RelayMails() {}

    /** A newsletter of about {@code targetBytes} of UTF-8 HTML with {@value #NEWSLETTER_LINKS} trackable links. */
    static String newsletterHtml(long seed, int targetBytes) {
        Random random = new Random(seed);
        int articles = (NEWSLETTER_LINKS - 2) / 2;
        StringBuilder html = new StringBuilder(targetBytes + 4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Winter news — Grüße aus Zürich</title>\n<style>\n")
                .append("body{margin:0;padding:0;background:#f4f4f4}\n")
                .append(".card{background:#ffffff;border-radius:4px}\n")
                .append("@media only screen and (max-width:620px){.card{width:100%!important}}\n</style></head>\n")
                .append("<body style=\"margin:0;padding:0;background:#f4f4f4\">\n")
                .append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td align=\"center\">\n")
                .append("<p style=\"font-family:Arial,sans-serif;font-size:12px;color:#777777\">Trouble reading? ")
                .append("<a href=\"https://news.sender.example/web/2026-11?ref=header\" style=\"color:#777777\">View it in your browser</a></p>\n")
                .append("<img src=\"cid:logo@sender.example\" width=\"200\" height=\"60\" alt=\"Sender & Co.\">\n");
        int footer = 900;
        for (int a = 0; a < articles; a++) {
            String slug = "item-" + (1000 + random.nextInt(9000));
            html.append("<table class=\"card\" role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" ")
                    .append("style=\"margin:12px 0;background:#ffffff\"><tr><td style=\"padding:24px\">\n")
                    .append("<h2 style=\"font-family:Georgia,serif;font-size:22px;line-height:28px;color:#222222;margin:0 0 12px\">")
                    .append("<a href=\"https://shop.sender.example/collections/winter/").append(slug)
                    .append("?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=nov-2026&amp;utm_content=title-").append(a)
                    .append("\" style=\"color:#222222;text-decoration:none\">").append(words(random, 6)).append("</a></h2>\n")
                    .append("<img src=\"https://cdn.sender.example/img/").append(slug).append(".jpg\" width=\"552\" alt=\"")
                    .append(words(random, 3)).append("\" style=\"display:block;border:0;max-width:100%\">\n");
            int articleEnd = (targetBytes - footer) * (a + 1) / articles;
            while (utf8Length(html) < articleEnd - 400) {
                html.append("<p style=\"font-family:Arial,sans-serif;font-size:16px;line-height:24px;color:#333333;margin:0 0 12px\">")
                        .append(words(random, 40 + random.nextInt(30))).append(".</p>\n");
            }
            html.append("<p style=\"margin:0\"><a href=\"https://shop.sender.example/p/").append(slug)
                    .append("?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=nov-2026&amp;utm_content=more-").append(a)
                    .append("\" style=\"background:#0b5fff;color:#ffffff;padding:10px 18px;border-radius:4px;")
                    .append("font-family:Arial,sans-serif;text-decoration:none\">Read more →</a></p>\n</td></tr></table>\n");
        }
        html.append("<p style=\"font-family:Arial,sans-serif;font-size:12px;line-height:18px;color:#777777\">")
                .append("Sender &amp; Co., Bahnhofstraße 1, 8001 Zürich. You receive this because you subscribed. ")
                .append("<a href=\"https://news.sender.example/preferences?list=winter-2026\" style=\"color:#777777\">")
                .append("Manage your subscription</a> or <a href=\"mailto:unsubscribe@sender.example\" style=\"color:#777777\">")
                .append("unsubscribe</a>.</p>\n</td></tr></table>\n</body></html>\n");
        return html.toString();
    }

    /** The plain-text alternative: the HTML's words without markup, links in angle brackets. */
    static String plainText(String html) {
        return html.replaceAll("(?s)<style>.*?</style>", "")
                .replaceAll("<a href=\"([^\"]*)\"[^>]*>", "<$1> ")
                .replaceAll("<[^>]*>", "")
                .replace("&amp;", "&")
                .replaceAll("\n{2,}", "\n");
    }

    /** The tracking addresses the message is sent to. */
    static List<String> trackingAddresses() {
        List<String> addresses = new ArrayList<>(RECIPIENTS);
        for (int r = 0; r < RECIPIENTS; r++) {
            addresses.add("reader" + r + "@customer" + (r % 7) + ".example." + TRACKING_DOMAIN);
        }
        return addresses;
    }

    /** The whole message in memory, about {@code totalBytes} long (exact to within a few bytes). */
    static byte[] message(long seed, String html, long totalBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) totalBytes + 1024);
        try {
            write(out, seed, html, totalBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the message to {@code out}, streaming the attachment, so that even a 25 MB message
     * never sits on the heap whole. The PDF is sized so the message comes to about {@code totalBytes}.
     */
    static void write(OutputStream out, long seed, String html, long totalBytes) throws IOException {
        Random random = new Random(seed);
        byte[] logo = png(random, 24 * 1024);
        String mixed = "----=_mixed_" + hex(random, 16);
        String related = "----=_related_" + hex(random, 16);
        String alternative = "----=_alt_" + hex(random, 16);
        byte[] head = ascii(topHeader(random, mixed)
                + "This is a multi-part message in MIME format." + CRLF + CRLF
                + "--" + mixed + CRLF
                + "Content-Type: multipart/related; type=\"multipart/alternative\";" + CRLF
                + "\tboundary=\"" + related + "\"" + CRLF + CRLF
                + "--" + related + CRLF
                + "Content-Type: multipart/alternative; boundary=\"" + alternative + "\"" + CRLF + CRLF
                + "--" + alternative + CRLF
                + "Content-Type: text/plain; charset=UTF-8" + CRLF
                + "Content-Transfer-Encoding: quoted-printable" + CRLF + CRLF
                + qp(plainText(html)) + CRLF
                + "--" + alternative + CRLF
                + "Content-Type: text/html; charset=UTF-8" + CRLF
                + "Content-Transfer-Encoding: quoted-printable" + CRLF + CRLF
                + qp(html) + CRLF
                + "--" + alternative + "--" + CRLF + CRLF
                + "--" + related + CRLF
                + "Content-Type: image/png; name=\"logo.png\"" + CRLF
                + "Content-Transfer-Encoding: base64" + CRLF
                + "Content-ID: <logo@sender.example>" + CRLF
                + "Content-Disposition: inline; filename=\"logo.png\"" + CRLF + CRLF
                + MIME_BASE64.encodeToString(logo) + CRLF
                + "--" + related + "--" + CRLF + CRLF
                + "--" + mixed + CRLF
                + "Content-Type: application/pdf; name=\"Winter-catalogue-2026.pdf\"" + CRLF
                + "Content-Transfer-Encoding: base64" + CRLF
                + "Content-Disposition: attachment; filename=\"Winter-catalogue-2026.pdf\"" + CRLF + CRLF);
        byte[] tail = ascii(CRLF + "--" + mixed + "--" + CRLF);
        long pdfBytes = pdfSizeFor(totalBytes - head.length - tail.length);
        out.write(head);
        OutputStream base64 = MIME_BASE64.wrap(new NonClosing(out));
        writePdf(base64, random, pdfBytes);
        base64.close(); // flushes the last quantum; the target stays open
        out.write(tail);
    }

    private static String topHeader(Random random, String boundary) {
        StringBuilder h = new StringBuilder();
        h.append("Return-Path: <newsletter@sender.example>").append(CRLF)
                .append("Received: from mail.sender.example (mail.sender.example [192.0.2.25])").append(CRLF)
                .append(" by inbound-smtp.example with SMTP id ").append(hex(random, 24)).append(CRLF)
                .append(" for reader0@customer0.example.t.glint.example; Wed, 25 Nov 2026 12:00:00 +0000 (UTC)").append(CRLF)
                .append("X-SES-Spam-Verdict: PASS").append(CRLF)
                .append("X-SES-Virus-Verdict: PASS").append(CRLF)
                .append("Received-SPF: pass (spfCheck: domain of sender.example designates 192.0.2.25 as permitted sender)").append(CRLF)
                .append("Authentication-Results: inbound-smtp.example;").append(CRLF)
                .append(" spf=pass (spfCheck: domain of sender.example designates 192.0.2.25 as permitted sender)").append(CRLF)
                .append(" smtp.mailfrom=newsletter@sender.example; dkim=pass header.i=@sender.example;").append(CRLF)
                .append(" dmarc=pass header.from=sender.example;").append(CRLF)
                .append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=sender.example; s=mail;").append(CRLF)
                .append("\tt=1795608000; h=from:to:cc:subject:date:message-id:mime-version:content-type;").append(CRLF)
                .append("\tbh=").append(base64Text(random, 32)).append(";").append(CRLF)
                .append("\tb=").append(base64Text(random, 128)).append(CRLF)
                .append("From: =?UTF-8?Q?Sender_&_Co._Z=C3=BCrich?= <newsletter@sender.example>").append(CRLF);
        List<String> addresses = trackingAddresses();
        appendAddresses(h, "To", addresses, 0, 12);
        appendAddresses(h, "Cc", addresses, 12, addresses.size());
        h.append("Subject: =?UTF-8?Q?Winter_news_=E2=80=94_Gr=C3=BC=C3=9Fe_aus_Z=C3=BCrich?=").append(CRLF)
                .append("Date: Wed, 25 Nov 2026 12:00:00 +0000").append(CRLF)
                .append("Message-ID: <").append(hex(random, 20)).append("@sender.example>").append(CRLF)
                .append("List-Unsubscribe: <https://news.sender.example/u/").append(hex(random, 16)).append(">").append(CRLF)
                .append("MIME-Version: 1.0").append(CRLF)
                .append("Content-Type: multipart/mixed;").append(CRLF)
                .append("\tboundary=\"").append(boundary).append("\"").append(CRLF)
                .append(CRLF);
        return h.toString();
    }

    private static void appendAddresses(StringBuilder h, String field, List<String> addresses, int from, int to) {
        h.append(field).append(": ");
        for (int i = from; i < to; i++) {
            h.append("Reader ").append(i).append(" <").append(addresses.get(i)).append(">");
            h.append(i + 1 < to ? "," + CRLF + " " : CRLF);
        }
    }

    /** The raw PDF size whose base64 (76 columns, CRLF between lines) fills {@code encodedBytes}. */
    private static long pdfSizeFor(long encodedBytes) {
        long raw = Math.max(1024, encodedBytes * 57 / 78);
        while (raw > 1024 && base64Length(raw) > encodedBytes) {
            raw--;
        }
        return raw;
    }

    private static long base64Length(long raw) {
        long chars = 4 * ((raw + 2) / 3);
        return chars + 2 * ((chars - 1) / 76);
    }

    /** A PDF-looking file: header, one compressed-looking stream of random bytes, trailer. */
    private static void writePdf(OutputStream out, Random random, long size) throws IOException {
        byte[] start = ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Length " + size + " /Filter /FlateDecode >>\nstream\n");
        byte[] end = ascii("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
        out.write(start);
        byte[] chunk = new byte[64 * 1024];
        for (long left = size - start.length - end.length; left > 0; left -= chunk.length) {
            random.nextBytes(chunk);
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        out.write(end);
    }

    /** A PNG signature and IHDR, then random bytes standing in for compressed image data. */
    private static byte[] png(Random random, int size) {
        byte[] png = new byte[size];
        random.nextBytes(png);
        byte[] header = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        System.arraycopy(header, 0, png, 0, header.length);
        return png;
    }

    private static String qp(String text) {
        return new String(TransferCodec.encode(text.getBytes(StandardCharsets.UTF_8), "quoted-printable", CRLF),
                StandardCharsets.US_ASCII);
    }

    private static String words(Random random, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.toString();
    }

    private static String hex(Random random, int digits) {
        StringBuilder s = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }

    private static String base64Text(Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static int utf8Length(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Lets the base64 wrapper be closed (to flush its last quantum) without closing the message stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
