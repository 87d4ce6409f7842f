package dev.glint.attach;

import dev.glint.config.LogLine;
import dev.glint.model.Attachment;
import dev.glint.model.Ids;
import dev.glint.model.Page;
import dev.glint.store.AttachmentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.jspecify.annotations.Nullable;

/**
 * An account's attachments through their life: created with a presigned upload, checked once
 * uploaded (size, type from the bytes, SHA-256, how the viewer can show it), revoked. Every change
 * of state is a conditional write on the status it read, so racing calls never undo each other.
 */
public final class AttachmentService {
    /** The default largest file: 100 MiB. */
    public static final long DEFAULT_MAX_BYTES = 100L << 20;
    /** Above this size the upload is multipart (one PUT of more is slow to retry). */
    public static final long MULTIPART_THRESHOLD = 64L << 20;
    /**
     * 8 MiB, the SDK's own default: S3 needs at least 5 MiB, and the local emulator takes at most
     * 11 MiB in one request (16 MiB parts would work in AWS only).
     */
    public static final long PART_SIZE = 8L << 20;
    public static final Duration UPLOAD_LIFETIME = Duration.ofMinutes(15);
    public static final int MAX_FILENAME_LENGTH = 255;
    public static final String NO_CONVERTER =
            "view is unavailable: no document converter is installed (LibreOffice); the file can be downloaded";

    /** Said by an Office attachment's preview while a converter elsewhere works on it. */
    public static final String CONVERTING =
            "view is being prepared: the document is being converted to PDF; try again in a minute";

    private final AttachmentStore store;
    private final AttachmentObjects objects;
    private final DocumentConverter converter;
    private final @Nullable PreviewConversions conversions;
    private final long maxBytes;
    private final Clock clock;

    /** Converts Office files itself, when {@code converter} is available. */
    public AttachmentService(AttachmentStore store, AttachmentObjects objects, DocumentConverter converter,
            long maxBytes, Clock clock) {
        this(store, objects, converter, null, maxBytes, clock);
    }

    /**
     * @param conversions where Office files go when {@code converter} is not available here (the
     *     api in AWS hands them to the converter function); null: such files get no view
     */
    public AttachmentService(AttachmentStore store, AttachmentObjects objects, DocumentConverter converter,
            @Nullable PreviewConversions conversions, long maxBytes, Clock clock) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the largest attachment must be at least one byte");
        }
        this.store = store;
        this.objects = objects;
        this.converter = converter;
        this.conversions = conversions;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Stores a file Glint already holds (an attachment of relayed mail) under {@code attachmentId}
     * and checks it like an upload: sniffed type, size limit, SHA-256, preview. Idempotent on the
     * id: a retried relay gets the attachment its first attempt stored.
     *
     * @return the checked attachment (READY, or REJECTED with the reason)
     */
    public Attachment storeReceived(String accountId, String attachmentId, String filename, String claimedType,
            Attachment.Mode mode, Path file) throws IOException {
        Optional<Attachment> existing = store.find(attachmentId);
        if (existing.isPresent() && existing.get().status() != Attachment.Status.PENDING_UPLOAD) {
            return existing.get();
        }
        if (existing.isEmpty()) {
            String name = filenameProblem(filename).isEmpty() ? filename : "attachment";
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            String type = claimedType.length() > 255 || claimedType.chars().anyMatch(c -> c < 0x20 || c > 0x7E)
                    ? ContentSniffer.OCTET_STREAM : claimedType;
            store.create(new Attachment(attachmentId, accountId, name, Files.size(file), type, mode, null,
                    Attachment.Status.PENDING_UPLOAD, null, now, Attachment.objectKey(accountId, attachmentId),
                    Attachment.Preview.NONE, null));
        }
        objects.put(Attachment.objectKey(accountId, attachmentId), file, claimedType);
        return switch (complete(accountId, attachmentId, Optional.empty())) {
            case Completion.Checked checked -> checked.attachment();
            case Completion.UploadMissing missing -> throw new IOException("the stored file vanished: " + missing.detail());
            case Completion.NotFound notFound -> throw new IOException("the attachment vanished while it was stored");
        };
    }

    /** Checks the request, stores the attachment as pending and presigns its upload. */
    public Upload create(String accountId, UploadRequest request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<InvalidUploadException.FieldProblem> problems = new ArrayList<>();
        filenameProblem(request.filename()).ifPresent(d -> problems.add(new InvalidUploadException.FieldProblem("filename", d)));
        if (request.size() < 1 || request.size() > maxBytes) {
            problems.add(new InvalidUploadException.FieldProblem("size",
                    "must be the file's size in bytes, from 1 to " + maxBytes));
        }
        Optional<Attachment.Mode> mode = Attachment.Mode.fromWire(request.mode());
        if (mode.isEmpty()) {
            problems.add(new InvalidUploadException.FieldProblem("mode", "must be view or download"));
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            problems.add(new InvalidUploadException.FieldProblem("expiresAt", "must be in the future"));
        }
        String claimed = request.contentType() == null ? ContentSniffer.OCTET_STREAM : request.contentType();
        if (claimed.length() > 255 || claimed.chars().anyMatch(c -> c < 0x20 || c > 0x7E)) {
            problems.add(new InvalidUploadException.FieldProblem("contentType", "must be a media type such as application/pdf"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidUploadException(problems);
        }
        String id = Ids.attachment();
        Attachment attachment = new Attachment(id, accountId, request.filename(), request.size(), claimed,
                mode.orElseThrow(), request.expiresAt() == null ? null : request.expiresAt().truncatedTo(ChronoUnit.MILLIS),
                Attachment.Status.PENDING_UPLOAD, null, now, Attachment.objectKey(accountId, id), Attachment.Preview.NONE,
                null);
        String key = attachment.objectKey();
        if (request.size() <= MULTIPART_THRESHOLD) {
            AttachmentObjects.PresignedRequest put = objects.presignPut(key, request.size(), UPLOAD_LIFETIME);
            store.create(attachment);
            return new Upload.Single(attachment, put);
        }
        String uploadId = objects.startMultipart(key);
        List<Upload.PartUrl> parts = new ArrayList<>();
        for (long offset = 0; offset < request.size(); offset += PART_SIZE) {
            int number = (int) (offset / PART_SIZE) + 1;
            long size = Math.min(PART_SIZE, request.size() - offset);
            parts.add(new Upload.PartUrl(number, size, objects.presignPart(key, uploadId, number, size, UPLOAD_LIFETIME)));
        }
        store.create(attachment);
        return new Upload.Multipart(attachment, uploadId, PART_SIZE, parts, parts.get(0).put().expiresAt());
    }

    /** The attachment when it is the account's; a malformed id is not looked up. */
    public Optional<Attachment> find(String accountId, String attachmentId) {
        if (!Ids.isAttachmentId(attachmentId)) {
            return Optional.empty();
        }
        return store.find(attachmentId).filter(a -> a.accountId().equals(accountId));
    }

    public Page<Attachment> list(String accountId, Optional<String> cursor, int limit) {
        return store.list(accountId, cursor, limit);
    }

    /**
     * Checks the uploaded object and makes the attachment ready, or rejects it (and deletes the
     * object). A repeated call after the check answers the stored outcome.
     *
     * @param multipart the upload id and parts of a multipart upload; empty for a single PUT
     */
    public Completion complete(String accountId, String attachmentId, Optional<MultipartParts> multipart) {
        Optional<Attachment> found = find(accountId, attachmentId);
        if (found.isEmpty()) {
            return new Completion.NotFound();
        }
        Attachment pending = found.get();
        if (pending.status() != Attachment.Status.PENDING_UPLOAD) {
            if (awaitsConversion(pending)) {
                conversions.request(pending.id()); // the first hand-off may have failed after the check was stored
            }
            return new Completion.Checked(pending, List.of());
        }
        String key = pending.objectKey();
        if (multipart.isPresent() && !objects.completeMultipart(key, multipart.get().uploadId(), multipart.get().parts())
                && objects.size(key).isEmpty()) { // unknown upload, unless an earlier call completed it
            return new Completion.UploadMissing("upload not found: no multipart upload " + multipart.get().uploadId()
                    + " for this attachment");
        }
        Optional<Long> size = objects.size(key);
        if (size.isEmpty()) {
            return new Completion.UploadMissing("upload not found: PUT the file to the upload URL first");
        }
        if (size.get() != pending.size() || size.get() > maxBytes) {
            String reason = size.get() > maxBytes
                    ? "the file has " + size.get() + " bytes, more than the limit of " + maxBytes
                    : "the file has " + size.get() + " bytes but " + pending.size() + " were declared";
            return settle(pending, reject(pending, reason), List.of());
        }
        byte[] head = objects.head(key, ContentSniffer.HEAD_BYTES);
        Sniffed sniffed = ContentSniffer.sniff(head, size.get(), pending.filename(), pending.contentType());
        Attachment checked;
        try {
            checked = check(pending, sniffed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sniffed.contradiction().ifPresent(c -> LogLine.count("INFO", "attachment_type_contradicted",
                "AttachmentTypeContradicted", Map.of("attachmentId", pending.id(), "found", sniffed.contentType())));
        return settle(pending, checked, sniffed.contradiction().stream().toList());
    }

    /**
     * Revokes the attachment for every recipient at once and deletes its objects; revoking again
     * deletes again (a failed deletion is retried by the caller's retry).
     *
     * @return false when the account has no such attachment
     */
    public boolean revoke(String accountId, String attachmentId) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Attachment> found = find(accountId, attachmentId);
            if (found.isEmpty()) {
                return false;
            }
            Attachment a = found.get();
            if (a.status() == Attachment.Status.REVOKED
                    || store.update(with(a, Attachment.Status.REVOKED, a.sha256(), a.contentType(), a.preview(), a.rejection()),
                            a.status())) {
                deleteObjects(a);
                return true;
            }
            // the status moved (a completion finished meanwhile): read it again and revoke that
        }
        throw new IllegalStateException("the attachment kept changing while it was being revoked");
    }

    /**
     * Converts a ready Office attachment's preview where LibreOffice runs (the converter function)
     * and records it; anything else (not Office, download-only, not ready, already converted) is
     * left as it is.
     *
     * @return the preview the attachment has afterwards
     */
    public Attachment.Preview convertPreview(String attachmentId) {
        Attachment a = store.find(attachmentId)
                .orElseThrow(() -> new IllegalArgumentException("no attachment " + attachmentId));
        if (a.status() != Attachment.Status.READY || a.mode() != Attachment.Mode.VIEW
                || ContentSniffer.family(a.contentType()) != Sniffed.Family.OFFICE || a.preview().kind().equals("pdf")) {
            return a.preview();
        }
        Attachment.Preview preview;
        try {
            Path work = Files.createTempDirectory("glint-attachment");
            try {
                Path file = work.resolve("document." + ContentSniffer.extension(a.contentType()));
                try (InputStream in = objects.open(a.objectKey())) {
                    Files.copy(in, file);
                }
                preview = office(a, file, work);
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!store.update(with(a, Attachment.Status.READY, a.sha256(), a.contentType(), preview, a.rejection()),
                Attachment.Status.READY)) {
            if (preview.key() != null) {
                objects.delete(preview.key()); // revoked meanwhile: the preview must not outlive it
            }
            return store.find(attachmentId).map(Attachment::preview).orElse(Attachment.Preview.NONE);
        }
        return preview;
    }

    private boolean awaitsConversion(Attachment a) {
        return conversions != null && a.status() == Attachment.Status.READY && CONVERTING.equals(a.preview().unavailable());
    }

    /** Stores the checked attachment if still pending; a lost race answers what the winner stored. */
    private Completion settle(Attachment pending, Attachment checked, List<String> warnings) {
        if (store.update(checked, Attachment.Status.PENDING_UPLOAD)) {
            if (checked.status() == Attachment.Status.REJECTED) {
                deleteObjects(checked);
            }
            if (awaitsConversion(checked)) {
                conversions.request(checked.id());
            }
            return new Completion.Checked(checked, warnings);
        }
        Attachment now = store.find(pending.id()).orElseThrow();
        if (now.status() == Attachment.Status.REVOKED && checked.preview().key() != null) {
            objects.delete(checked.preview().key()); // revoked while we converted: our preview must not stay
        }
        return new Completion.Checked(now, List.of());
    }

    private Attachment reject(Attachment a, String reason) {
        return with(a, Attachment.Status.REJECTED, null, a.contentType(), Attachment.Preview.NONE, reason);
    }

    /** Hashes the whole object and decides how the viewer shows it (converting Office files). */
    private Attachment check(Attachment a, Sniffed sniffed) throws IOException {
        boolean needsFile = sniffed.family() == Sniffed.Family.PDF
                || (sniffed.family() == Sniffed.Family.OFFICE && a.mode() == Attachment.Mode.VIEW && converter.available());
        Path work = Files.createTempDirectory("glint-attachment");
        try {
            Path file = work.resolve("document." + ContentSniffer.extension(sniffed.contentType()));
            String sha256 = hash(a.objectKey(), needsFile ? file : null);
            Attachment.Preview preview = switch (sniffed.family()) {
                case PDF -> pdf(file, null);
                case IMAGE -> new Attachment.Preview("image", null, 0, null);
                case VIDEO -> new Attachment.Preview("video", null, 0, null);
                case OFFICE -> office(a, file, work);
                case AUDIO -> none("view is unavailable for audio files; the file can be downloaded");
                case TEXT, OTHER -> none("view is unavailable for this type of file (" + sniffed.contentType()
                        + "); the file can be downloaded");
            };
            return with(a, Attachment.Status.READY, sha256, sniffed.contentType(), preview, null);
        } finally {
            deleteTree(work);
        }
    }

    private Attachment.Preview office(Attachment a, Path file, Path work) throws IOException {
        if (a.mode() == Attachment.Mode.DOWNLOAD) {
            return none("not converted: the attachment is download-only");
        }
        if (!converter.available()) {
            return conversions == null ? none(NO_CONVERTER) : none(CONVERTING);
        }
        Path out = Files.createDirectories(work.resolve("out"));
        Path pdf;
        try {
            pdf = converter.toPdf(file, out);
        } catch (IOException e) {
            LogLine.count("WARN", "attachment_conversion_failed", "AttachmentConversionFailed",
                    Map.of("attachmentId", a.id(), "error", String.valueOf(e.getMessage())));
            return none("view is unavailable: the document could not be converted to PDF; the file can be downloaded");
        }
        String previewKey = Attachment.previewKey(a.accountId(), a.id());
        Attachment.Preview preview = pdf(pdf, previewKey);
        if (preview.kind().equals("pdf")) {
            objects.put(previewKey, pdf, ContentSniffer.PDF);
        }
        return preview;
    }

    /** A PDF's page count, read with pdfbox from the file (parsed lazily, caches on disk, not the heap). */
    private static Attachment.Preview pdf(Path file, @Nullable String previewKey) {
        try (PDDocument document = Loader.loadPDF(file.toFile(), IOUtils.createTempFileOnlyStreamCache())) {
            return new Attachment.Preview("pdf", previewKey, document.getNumberOfPages(), null);
        } catch (InvalidPasswordException e) {
            return none("view is unavailable: the PDF is password-protected; the file can be downloaded");
        } catch (IOException e) {
            return none("view is unavailable: the PDF could not be read; the file can be downloaded");
        }
    }

    private static Attachment.Preview none(String why) {
        return new Attachment.Preview("none", null, 0, why);
    }

    /** SHA-256 of the object, streamed; the bytes are also written to {@code copy} when given. */
    private String hash(String key, @Nullable Path copy) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(objects.open(key), digest)) {
            if (copy != null) {
                Files.copy(in, copy);
            } else {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void deleteObjects(Attachment a) {
        objects.delete(a.objectKey());
        objects.delete(Attachment.previewKey(a.accountId(), a.id()));
    }

    private static Attachment with(Attachment a, Attachment.Status status, @Nullable String sha256, String contentType,
            Attachment.Preview preview, @Nullable String rejection) {
        return new Attachment(a.id(), a.accountId(), a.filename(), a.size(), contentType, a.mode(), a.expiresAt(),
                status, sha256, a.createdAt(), a.objectKey(), preview, rejection);
    }

    /** Why a file name cannot be used, if it cannot. */
    static Optional<String> filenameProblem(String name) {
        if (name.isBlank()) {
            return Optional.of("is required: the name recipients see, such as report.pdf");
        }
        if (name.length() > MAX_FILENAME_LENGTH) {
            return Optional.of("must be at most " + MAX_FILENAME_LENGTH + " characters");
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))) {
            return Optional.of("must not contain control characters");
        }
        if (name.contains("/") || name.contains("\\")) {
            return Optional.of("must be a name without a path: no / or \\");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("must be a file name, not . or ..");
        }
        return Optional.empty();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // temp files are the platform's to clean up if this fails; the outcome stands
        }
    }

    /** The upload id and the parts' ETags of a multipart upload, as the client reports them. */
    public record MultipartParts(String uploadId, List<AttachmentObjects.Part> parts) {
        public MultipartParts {
            parts = List.copyOf(parts);
        }
    }
}
