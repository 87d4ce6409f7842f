package dev.glint.track;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Base64;
import java.util.Map;

/** The fixed answers of the tracking routes: images, redirects, the honeypot page and the not-found page. */
final class TrackResponses {
    /** A 1×1 transparent GIF (43 bytes). */
    static final String GIF_BASE64 = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
    /** A 1×1 transparent PNG (RGBA, alpha 0). */
    static final String PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR42mNgAAIAAAUAAen63NgAAAAASUVORK5CYII=";
    static final byte[] GIF = Base64.getDecoder().decode(GIF_BASE64);
    static final byte[] PNG = Base64.getDecoder().decode(PNG_BASE64);

    private static final String NO_CACHE = "no-cache, no-store, must-revalidate, private, max-age=0";
    private static final String NOT_FOUND_PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
            <title>Link not found</title></head>
            <body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">
            <h1>This link is not valid</h1>
            <p>The link you followed is damaged or incomplete. Please use the original link in the email,
            or ask the sender for a new one.</p>
            </body></html>
            """;

    // What a person who somehow reaches the hidden link reads; machines get nothing worth indexing.
    private static final String HONEYPOT_PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow">
            <title>Nothing here</title></head>
            <body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">
            <p>There is nothing to see here.</p>
            </body></html>
            """;

    private TrackResponses() {}

    /** The pixel, with headers that stop every cache from answering for us. HEAD gets no body. */
    static APIGatewayV2HTTPResponse pixel(boolean png, boolean head) {
        byte[] image = png ? PNG : GIF;
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of(
                        "Content-Type", png ? "image/png" : "image/gif",
                        "Content-Length", Integer.toString(image.length),
                        "Cache-Control", NO_CACHE,
                        "Pragma", "no-cache",
                        "Expires", "0",
                        "X-Content-Type-Options", "nosniff"))
                .withBody(head ? "" : png ? PNG_BASE64 : GIF_BASE64)
                .withIsBase64Encoded(!head)
                .build();
    }

    static APIGatewayV2HTTPResponse redirect(String location) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(302)
                .withHeaders(Map.of(
                        "Location", location,
                        "Cache-Control", NO_CACHE,
                        "X-Robots-Tag", "noindex"))
                .withBody("")
                .build();
    }

    /** The answer to the honeypot link: a small page, uncached and unindexed, never a redirect. */
    static APIGatewayV2HTTPResponse honeypotPage(boolean head) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of(
                        "Content-Type", "text/html; charset=utf-8",
                        "Cache-Control", NO_CACHE,
                        "X-Robots-Tag", "noindex, nofollow",
                        "X-Content-Type-Options", "nosniff",
                        "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"))
                .withBody(head ? "" : HONEYPOT_PAGE)
                .build();
    }

    static APIGatewayV2HTTPResponse notFound(boolean head) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(404)
                .withHeaders(Map.of(
                        "Content-Type", "text/html; charset=utf-8",
                        "Cache-Control", NO_CACHE,
                        "X-Robots-Tag", "noindex",
                        "X-Content-Type-Options", "nosniff",
                        "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"))
                .withBody(head ? "" : NOT_FOUND_PAGE)
                .build();
    }
}
