package dev.glint.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glint.attach.AttachmentObjects;
import dev.glint.attach.AttachmentService;
import dev.glint.attach.AttachmentStats;
import dev.glint.attach.Completion;
import dev.glint.attach.InvalidUploadException;
import dev.glint.attach.Upload;
import dev.glint.attach.UploadRequest;
import dev.glint.classify.Verdict;
import dev.glint.enrich.DeviceInfo;
import dev.glint.enrich.GeoInfo;
import dev.glint.model.Attachment;
import dev.glint.model.AttachmentEvent;
import dev.glint.model.HitInsight;
import dev.glint.store.AttachmentEventStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The attachment routes of one authenticated account: upload (presigned), completion (the upload
 * check), listing, revocation, stats and audit log. Another account's attachment is a 404, as is
 * a malformed id, which is never looked up.
 */
final class AttachmentResources {
    static final List<String> FIELDS = List.of("filename", "size", "contentType", "mode", "expiresAt");
    static final List<String> COMPLETE_FIELDS = List.of("uploadId", "parts");
    /** S3 allows 10 000 parts; a 100 MiB file has 13 of 8 MiB. */
    static final int MAX_PARTS = 10_000;

    private final AttachmentService attachments;
    private final AttachmentEventStore audit;

    AttachmentResources(AttachmentService attachments, AttachmentEventStore audit) {
        this.attachments = attachments;
        this.audit = audit;
    }

    ApiResponse create(String accountId, String body) {
        JsonNode root = object(body);
        FieldErrors errors = new FieldErrors();
        unknownFields(root, FIELDS, errors);
        String filename = text(root, "filename", true, errors);
        long size = -1;
        JsonNode s = root.get("size");
        if (s == null || !s.canConvertToLong() || !s.isIntegralNumber()) {
            errors.add("size", "is required: the file's size in bytes, a whole number from 1 to " + attachments.maxBytes());
        } else {
            size = s.longValue();
        }
        String contentType = text(root, "contentType", false, errors);
        String mode = Optional.ofNullable(text(root, "mode", false, errors)).orElse("view");
        Instant expiresAt = null;
        String expiry = text(root, "expiresAt", false, errors);
        if (expiry != null) {
            try {
                expiresAt = Instant.parse(expiry);
            } catch (DateTimeParseException e) {
                errors.add("expiresAt", "must be an RFC 3339 time in UTC, such as 2026-12-31T23:59:59Z");
            }
        }
        errors.throwIfAny();
        Upload upload;
        try {
            upload = attachments.create(accountId, new UploadRequest(filename, size, contentType, mode, expiresAt));
        } catch (InvalidUploadException e) {
            e.problems().forEach(p -> errors.add(p.field(), p.detail()));
            errors.throwIfAny();
            throw e;
        }
        return ApiResponse.created("/api/v1/attachments/" + upload.attachment().id(), Created.of(upload));
    }

    ApiResponse complete(String accountId, String id, @Nullable String body) {
        Optional<AttachmentService.MultipartParts> parts = body == null || body.isBlank()
                ? Optional.empty()
                : parts(object(body));
        return switch (attachments.complete(accountId, id, parts)) {
            case Completion.Checked(Attachment a, List<String> warnings) -> ApiResponse.ok(new Completed(View.of(a), warnings));
            case Completion.UploadMissing(String detail) -> throw new ApiException(Problem.uploadNotFound(detail));
            case Completion.NotFound() -> throw new ApiException(Problem.notFound());
        };
    }

    ApiResponse list(String accountId, Map<String, String> query) {
        QueryParameters params = new QueryParameters(query);
        int limit = params.limit();
        Optional<String> cursor = params.cursor();
        params.validate();
        return ApiResponse.ok(EmailViews.Listing.of(attachments.list(accountId, cursor, limit), View::of));
    }

    ApiResponse get(String accountId, String id) {
        return ApiResponse.ok(View.of(owned(accountId, id)));
    }

    ApiResponse revoke(String accountId, String id) {
        if (!attachments.revoke(accountId, id)) {
            throw new ApiException(Problem.notFound());
        }
        return ApiResponse.noContent();
    }

    ApiResponse stats(String accountId, String id) {
        Attachment a = owned(accountId, id);
        return ApiResponse.ok(AttachmentStats.of(audit.all(a.id())));
    }

    ApiResponse events(String accountId, String id, Map<String, String> query) {
        Attachment a = owned(accountId, id);
        QueryParameters params = new QueryParameters(query);
        int limit = params.limit();
        Optional<String> cursor = params.cursor();
        params.validate();
        return ApiResponse.ok(EmailViews.Listing.of(audit.events(a.id(), cursor, limit), Event::of));
    }

    private Attachment owned(String accountId, String id) {
        return attachments.find(accountId, id).orElseThrow(() -> new ApiException(Problem.notFound()));
    }

    private static Optional<AttachmentService.MultipartParts> parts(JsonNode root) {
        FieldErrors errors = new FieldErrors();
        unknownFields(root, COMPLETE_FIELDS, errors);
        String uploadId = text(root, "uploadId", false, errors);
        JsonNode parts = root.get("parts");
        if (uploadId == null && (parts == null || parts.isNull())) {
            errors.throwIfAny();
            return Optional.empty(); // a single PUT: nothing to join
        }
        if (uploadId == null) {
            errors.add("uploadId", "is required with parts: the uploadId the upload was created with");
        }
        List<AttachmentObjects.Part> out = new ArrayList<>();
        if (parts == null || !parts.isArray() || parts.isEmpty() || parts.size() > MAX_PARTS) {
            errors.add("parts", "must list every uploaded part as {\"number\": n, \"etag\": \"…\"}, 1 to " + MAX_PARTS);
        } else {
            for (int i = 0; i < parts.size(); i++) {
                JsonNode p = parts.get(i);
                JsonNode n = p.get("number");
                JsonNode e = p.get("etag");
                if (n == null || !n.isInt() || n.intValue() < 1 || n.intValue() > MAX_PARTS) {
                    errors.add("parts[" + i + "].number", "must be the part number, from 1 to " + MAX_PARTS);
                } else if (e == null || !e.isTextual() || e.textValue().isEmpty() || e.textValue().length() > 128) {
                    errors.add("parts[" + i + "].etag", "must be the ETag S3 answered for the part");
                } else if (i > 0 && n.intValue() <= out.get(out.size() - 1).number()) {
                    errors.add("parts[" + i + "].number", "parts must be listed in ascending order");
                } else {
                    out.add(new AttachmentObjects.Part(n.intValue(), e.textValue()));
                }
            }
        }
        errors.throwIfAny();
        return Optional.of(new AttachmentService.MultipartParts(uploadId, out));
    }

    private static JsonNode object(String body) {
        JsonNode root = SendRequestParser.readTree(body);
        if (!root.isObject()) {
            FieldErrors errors = new FieldErrors();
            errors.add("$", "the body must be a JSON object, not " + SendRequestParser.article(root));
            errors.throwIfAny();
        }
        return root;
    }

    private static void unknownFields(JsonNode root, List<String> known, FieldErrors errors) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(name.length() > 64 ? name.substring(0, 64) + "…" : name,
                        "is not a known field; known fields are " + String.join(", ", known));
            }
        }
    }

    private static @Nullable String text(JsonNode root, String field, boolean required, FieldErrors errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(field, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            errors.add(field, "must be a string, not " + SendRequestParser.article(node));
            return null;
        }
        return node.textValue();
    }

    /** An attachment as the API shows it (no object keys: they are the bucket's business). */
    record View(String id, String filename, long size, String contentType, Attachment.Mode mode,
            Attachment.Status status, @Nullable String sha256, Instant createdAt, @Nullable Instant expiresAt,
            PreviewView preview, @Nullable String rejection) {
        static View of(Attachment a) {
            return new View(a.id(), a.filename(), a.size(), a.contentType(), a.mode(), a.status(), a.sha256(),
                    a.createdAt(), a.expiresAt(),
                    new PreviewView(a.preview().kind(), a.preview().pages(), a.preview().unavailable()), a.rejection());
        }
    }

    record PreviewView(String kind, int pages, @Nullable String unavailable) {}

    /** The answer to a create: the attachment and where to upload it. */
    record Created(View attachment, @Nullable UploadView upload, @Nullable MultipartView multipart) {
        static Created of(Upload upload) {
            return switch (upload) {
                case Upload.Single(Attachment a, AttachmentObjects.PresignedRequest put) ->
                        new Created(View.of(a), UploadView.of(put), null);
                case Upload.Multipart m -> new Created(View.of(m.attachment()), null, new MultipartView(m.uploadId(),
                        m.partSize(), m.parts().stream().map(p -> new PartView(p.number(), p.size(), p.put().url().toString(),
                                p.put().headers())).toList(), m.expiresAt()));
            };
        }
    }

    record UploadView(String method, String url, Map<String, String> headers, Instant expiresAt) {
        static UploadView of(AttachmentObjects.PresignedRequest p) {
            return new UploadView(p.method(), p.url().toString(), p.headers(), p.expiresAt());
        }
    }

    record MultipartView(String uploadId, long partSize, List<PartView> parts, Instant expiresAt) {}

    record PartView(int number, long size, String url, Map<String, String> headers) {}

    record Completed(View attachment, List<String> warnings) {}

    /** One audit line. */
    record Event(String hitId, String action, Instant at, String emailId, int recipient, Map<String, String> detail,
            String ip, String userAgent, Verdict verdict, List<String> reasons, String client, DeviceInfo device,
            @Nullable GeoInfo geo) {
        static Event of(AttachmentEvent e) {
            HitInsight i = e.insight();
            return new Event(e.hitId(), e.action(), e.at(), e.emailId(), e.recipient(), e.detail(), e.ip(),
                    e.userAgent(), i.verdict(), i.reasons(), i.client(), i.device(), i.geo());
        }
    }
}
