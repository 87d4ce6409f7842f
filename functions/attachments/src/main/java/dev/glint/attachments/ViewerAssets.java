package dev.glint.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The viewer's script, style and PDF.js, read once from the jar and served at
 * {@code /a/assets/<name>?v=<digest>}: the digest in the URL lets browsers cache them for good.
 */
final class ViewerAssets {
    static final String PREFIX = "/a/assets/";
    private static final Map<String, String> TYPES = Map.of(
            "viewer.js", "text/javascript; charset=utf-8",
            "viewer.css", "text/css; charset=utf-8",
            "pdf.min.mjs", "text/javascript; charset=utf-8",
            "pdf.worker.min.mjs", "text/javascript; charset=utf-8");

    private record Asset(String type, String base64, String version) {}

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    /** Reads the assets present in the jar (PDF.js is copied in by the build). */
    static ViewerAssets load() {
        ViewerAssets loaded = new ViewerAssets();
        TYPES.forEach((name, type) -> {
            try (InputStream in = ViewerAssets.class.getResourceAsStream("/viewer/" + name)) {
                if (in != null) {
                    byte[] bytes = in.readAllBytes();
                    loaded.assets.put(name, new Asset(type, Base64.getEncoder().encodeToString(bytes), digest(bytes)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read viewer asset " + name, e);
            }
        });
        return loaded;
    }

    /** The URL path of an asset, versioned by its content. */
    String path(String name) {
        Asset asset = assets.get(name);
        return PREFIX + name + (asset == null ? "" : "?v=" + asset.version());
    }

    /** The asset named by the last segment of {@code path}, for ever cacheable. */
    Optional<Reply> serve(String name) {
        Asset asset = assets.get(name);
        if (asset == null) {
            return Optional.empty();
        }
        return Optional.of(new Reply(200, Map.of(
                "Content-Type", asset.type(),
                "Cache-Control", "public, max-age=31536000, immutable",
                "X-Content-Type-Options", "nosniff",
                "Cross-Origin-Resource-Policy", "same-origin"), asset.base64(), true));
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
