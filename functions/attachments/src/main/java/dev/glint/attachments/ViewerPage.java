package dev.glint.attachments;

import dev.glint.model.Attachment;

/**
 * The view-only page: names the file and leaves the document to the viewer script, which fetches
 * it from {@code /a/{token}/file} with the page's session. No download control, no object URL.
 */
final class ViewerPage {
    private final ViewerAssets assets;
    private final String policy;

    ViewerPage(ViewerAssets assets, String objectOrigin) {
        this.assets = assets;
        this.policy = policy(objectOrigin);
    }

    /** The viewer's Content-Security-Policy: our own script only, documents from the bucket only. */
    static String policy(String objectOrigin) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data: " + objectOrigin
                + "; media-src 'self' " + objectOrigin + "; connect-src 'self' " + objectOrigin
                + "; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    }

    String policy() {
        return policy;
    }

    /** The page for a viewable file. */
    Reply viewer(String token, Attachment attachment, String session) {
        Attachment.Preview preview = attachment.preview();
        String body = """
                <main id="viewer" data-kind="%s" data-pages="%d" data-session="%s" data-file="/a/%s/file" \
                data-beacons="/a/%s/beacons" data-pdfjs="%s" data-pdfjs-worker="%s" aria-live="polite">
                <p class="status">Loading…</p>
                </main>
                <script type="module" src="%s"></script>
                """.formatted(html(preview.kind()), preview.pages(), html(session), html(token), html(token),
                html(assets.path("pdf.min.mjs")), html(assets.path("pdf.worker.min.mjs")), html(assets.path("viewer.js")));
        return Replies.page(200, policy, document(attachment.filename(), body));
    }

    /** The page for a file the viewer cannot show: says why, offers nothing. */
    Reply unviewable(Attachment attachment) {
        String reason = attachment.preview().unavailable();
        String body = """
                <main class="unviewable">
                <p>This file cannot be shown in the browser%s.</p>
                <p>The sender shared it for viewing only, so it cannot be downloaded either. Please ask the sender for another format.</p>
                </main>
                """.formatted(reason == null || reason.isBlank() ? "" : ": " + html(reason));
        return Replies.page(200, policy, document(attachment.filename(), body));
    }

    private String document(String filename, String body) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow">
                <meta name="referrer" content="no-referrer">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <link rel="stylesheet" href="%s">
                </head><body>
                <header><h1>%s</h1><p class="note">View only · shared with you through Glint</p></header>
                %s</body></html>
                """.formatted(html(filename), html(assets.path("viewer.css")), html(filename), body);
    }

    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
