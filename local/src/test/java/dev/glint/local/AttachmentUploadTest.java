package dev.glint.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.attach.AttachmentObjects;
import dev.glint.attach.AttachmentService;
import dev.glint.attach.Completion;
import dev.glint.attach.ContentSniffer;
import dev.glint.attach.LibreOfficeConverter;
import dev.glint.attach.Upload;
import dev.glint.attach.UploadRequest;
import dev.glint.local.emulator.AwsClients;
import dev.glint.local.emulator.EmulatorOptions;
import dev.glint.local.emulator.Emulators;
import dev.glint.model.Attachment;
import dev.glint.store.DynamoAttachmentStore;
import dev.glint.store.S3AttachmentObjects;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Uploads through presigned URLs into the S3 emulator (fauxqs) with the metadata in DynamoDB
 * (dynalite), then the upload check: sizes, types from the bytes, SHA-256, PDF pages, Office
 * conversion with the LibreOffice installed here (Debian's libreoffice-writer-nogui), revocation.
 */
class AttachmentUploadTest {
    private static final String ACCOUNT = "acct_attachments1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Emulators emulators;
    private static S3Client s3;
    private static DynamoAttachmentStore store;
    private static S3AttachmentObjects objects;
    private static AttachmentService service;

    @BeforeAll
    static void startEmulators() throws IOException {
        emulators = Emulators.start(EmulatorOptions.inMemory(Path.of(System.getProperty("glint.emulators.dir")),
                Files.createTempDirectory("glint-attachment-logs")));
        DynamoDbClient dynamo = AwsClients.dynamoDb(emulators);
        s3 = AwsClients.s3(emulators);
        LocalResources.createTables(dynamo);
        LocalResources.createAttachmentsBucket(s3);
        store = new DynamoAttachmentStore(dynamo, LocalResources.MAIN_TABLE);
        objects = S3AttachmentObjects.create(Optional.of(emulators.s3Endpoint()), AwsClients.REGION,
                LocalResources.ATTACHMENTS_BUCKET);
        service = new AttachmentService(store, objects, LibreOfficeConverter.onPath(), AttachmentService.DEFAULT_MAX_BYTES,
                Clock.systemUTC());
    }

    @AfterAll
    static void stopEmulators() {
        if (emulators != null) {
            emulators.close();
        }
    }

    @Test
    void aPdfUploadedThroughItsPresignedPutBecomesReadyWithPagesAndHash() throws Exception {
        // GIVEN a real three-page PDF, announced with its size
        byte[] pdf = pdf(3);
        Upload upload = service.create(ACCOUNT, new UploadRequest("Q3 report.pdf", pdf.length, "application/pdf", "view", null));
        Upload.Single single = assertInstanceOf(Upload.Single.class, upload);
        assertEquals(String.valueOf(pdf.length), single.put().headers().get("content-length"), "the size is signed");

        // WHEN the client PUTs it and completes
        assertEquals(200, put(single.put(), pdf).statusCode());
        Completion completion = service.complete(ACCOUNT, upload.attachment().id(), Optional.empty());

        // THEN it is ready: the type from the bytes, the hash of the bytes, the pages counted
        Attachment ready = checked(completion).attachment();
        assertEquals(Attachment.Status.READY, ready.status());
        assertEquals("application/pdf", ready.contentType());
        assertEquals(sha256(pdf), ready.sha256());
        assertEquals(new Attachment.Preview("pdf", null, 3, null), ready.preview());
        assertEquals(ready, store.find(ready.id()).orElseThrow());
        assertTrue(checked(completion).warnings().isEmpty());

        // AND completing again answers the same
        assertEquals(ready, checked(service.complete(ACCOUNT, ready.id(), Optional.empty())).attachment());
    }

    @Test
    void aPngIsAnImageAndALyingContentTypeLosesToTheBytes() throws Exception {
        byte[] png = png();
        Attachment image = uploadAndComplete("photo.png", png, "image/png", "view");
        assertEquals("image/png", image.contentType());
        assertEquals("image", image.preview().kind());

        // GIVEN a zip claimed as a PNG
        byte[] zip = zip(List.of(new Entry("notes.txt", "not a picture")));
        Upload upload = service.create(ACCOUNT, new UploadRequest("photo.png", zip.length, "image/png", "view", null));
        put(((Upload.Single) upload).put(), zip);

        // WHEN it is checked THEN the bytes win, the contradiction is reported, and the viewer says why not
        Completion.Checked checked = checked(service.complete(ACCOUNT, upload.attachment().id(), Optional.empty()));
        assertEquals(ContentSniffer.ZIP, checked.attachment().contentType());
        assertEquals(List.of("the client said image/png but the bytes are application/zip"), checked.warnings());
        assertEquals("none", checked.attachment().preview().kind());
        assertNotNull(checked.attachment().preview().unavailable());
    }

    @Test
    void aFileLargerThanDeclaredIsRejectedAndDeleted() throws Exception {
        // GIVEN 10 bytes declared; the emulator does not check signatures, so 20 arrive (S3 would refuse the PUT)
        Upload upload = service.create(ACCOUNT, new UploadRequest("small.txt", 10, "text/plain", "download", null));
        put(((Upload.Single) upload).put(), "twenty bytes exactly".getBytes(StandardCharsets.US_ASCII));
        assertTrue(exists(upload.attachment().objectKey()));

        Attachment rejected = checked(service.complete(ACCOUNT, upload.attachment().id(), Optional.empty())).attachment();

        assertEquals(Attachment.Status.REJECTED, rejected.status());
        assertEquals("the file has 20 bytes but 10 were declared", rejected.rejection());
        assertFalse(exists(upload.attachment().objectKey()));
        assertFalse(rejected.availableAt(java.time.Instant.now()));
    }

    @Test
    void completingWithoutAnUploadUnknownAndForeignIdsAreRefused() {
        Upload upload = service.create(ACCOUNT, new UploadRequest("later.pdf", 100, null, "view", null));
        assertInstanceOf(Completion.UploadMissing.class, service.complete(ACCOUNT, upload.attachment().id(), Optional.empty()));
        assertEquals(Attachment.Status.PENDING_UPLOAD, store.find(upload.attachment().id()).orElseThrow().status());

        assertInstanceOf(Completion.NotFound.class, service.complete("acct_someoneelse", upload.attachment().id(), Optional.empty()));
        assertInstanceOf(Completion.NotFound.class, service.complete(ACCOUNT, "att_0000000000000000000z", Optional.empty()));
        assertInstanceOf(Completion.NotFound.class, service.complete(ACCOUNT, "../../etc", Optional.empty()));
        assertFalse(service.revoke("acct_someoneelse", upload.attachment().id()));
        assertTrue(service.find("acct_someoneelse", upload.attachment().id()).isEmpty());
    }

    @Test
    void revokingDeletesTheObjectsAtOnce() throws Exception {
        Attachment ready = uploadAndComplete("deck.pdf", pdf(1), "application/pdf", "download");
        assertTrue(exists(ready.objectKey()));

        assertTrue(service.revoke(ACCOUNT, ready.id()));

        Attachment revoked = store.find(ready.id()).orElseThrow();
        assertEquals(Attachment.Status.REVOKED, revoked.status());
        assertFalse(revoked.availableAt(java.time.Instant.now()));
        assertFalse(exists(ready.objectKey()));
        assertTrue(service.revoke(ACCOUNT, ready.id()), "revoking again is harmless");
    }

    @Test
    void aDocxIsConvertedToAPdfPreview() throws Exception {
        // GIVEN LibreOffice on this machine (CI installs it too) and a docx written with a zip writer
        assertTrue(LibreOfficeConverter.onPath().available(), "soffice must be installed (libreoffice-writer-nogui)");
        byte[] docx = docx("Quarterly numbers", "Revenue grew.");

        Attachment ready = uploadAndComplete("numbers.docx", docx, null, "view");

        // THEN the type is docx from the entries' names, and the preview PDF is in the bucket
        assertEquals(ContentSniffer.DOCX, ready.contentType());
        assertEquals("pdf", ready.preview().kind(), String.valueOf(ready.preview().unavailable()));
        assertEquals(Attachment.previewKey(ACCOUNT, ready.id()), ready.preview().key());
        assertTrue(ready.preview().pages() >= 1);
        byte[] preview = s3.getObjectAsBytes(b -> b.bucket(LocalResources.ATTACHMENTS_BUCKET).key(ready.preview().key()))
                .asByteArray();
        assertEquals("%PDF-", new String(preview, 0, 5, StandardCharsets.US_ASCII));

        // AND revoking deletes the preview too
        service.revoke(ACCOUNT, ready.id());
        assertFalse(exists(ready.preview().key()));
    }

    @Test
    void withoutAConverterAnOfficeFileSaysWhyItCannotBeViewed() throws Exception {
        AttachmentService noConverter = new AttachmentService(store, objects,
                new LibreOfficeConverter("/nonexistent/bin/soffice", Duration.ofSeconds(5)),
                AttachmentService.DEFAULT_MAX_BYTES, Clock.systemUTC());
        byte[] docx = docx("Hello", "World");
        Upload upload = noConverter.create(ACCOUNT, new UploadRequest("hello.docx", docx.length, null, "view", null));
        put(((Upload.Single) upload).put(), docx);

        Attachment ready = checked(noConverter.complete(ACCOUNT, upload.attachment().id(), Optional.empty())).attachment();

        assertEquals(Attachment.Status.READY, ready.status());
        assertEquals(ContentSniffer.DOCX, ready.contentType());
        assertEquals(new Attachment.Preview("none", null, 0, AttachmentService.NO_CONVERTER), ready.preview());
        assertFalse(exists(Attachment.previewKey(ACCOUNT, ready.id())));
    }

    @Test
    void whereLibreOfficeIsMissingTheDocumentGoesToTheConverterFunction() throws Exception {
        // GIVEN the api's service without LibreOffice but with a hand-off, and the converter function's service
        List<String> handedOff = new java.util.concurrent.CopyOnWriteArrayList<>();
        AttachmentService api = new AttachmentService(store, objects,
                new LibreOfficeConverter("/nonexistent/bin/soffice", Duration.ofSeconds(5)), handedOff::add,
                AttachmentService.DEFAULT_MAX_BYTES, Clock.systemUTC());
        AttachmentService converterFunction = new AttachmentService(store, objects, LibreOfficeConverter.onPath(),
                AttachmentService.DEFAULT_MAX_BYTES, Clock.systemUTC());
        byte[] docx = docx("Plan", "Step one.");
        Upload upload = api.create(ACCOUNT, new UploadRequest("plan.docx", docx.length, null, "view", null));
        put(((Upload.Single) upload).put(), docx);

        // WHEN the upload is checked THEN it is ready, says it is being prepared, and was handed off once
        Attachment ready = checked(api.complete(ACCOUNT, upload.attachment().id(), Optional.empty())).attachment();
        assertEquals(new Attachment.Preview("none", null, 0, AttachmentService.CONVERTING), ready.preview());
        assertEquals(List.of(ready.id()), handedOff);

        // WHEN the converter function runs THEN the preview PDF is recorded and stored
        Attachment.Preview preview = converterFunction.convertPreview(ready.id());
        assertEquals("pdf", preview.kind());
        assertEquals(preview, store.find(ready.id()).orElseThrow().preview());
        assertTrue(exists(Attachment.previewKey(ACCOUNT, ready.id())));
        assertEquals(preview, converterFunction.convertPreview(ready.id()), "a second run changes nothing");
        assertEquals(1, handedOff.size(), "a converted attachment is not handed off again");
        api.complete(ACCOUNT, ready.id(), Optional.empty());
        assertEquals(1, handedOff.size());
    }

    @Test
    void aLargeFileIsUploadedInPartsAndJoinedOnCompletion() throws Exception {
        // GIVEN a file just over the multipart threshold
        byte[] big = new byte[(int) AttachmentService.MULTIPART_THRESHOLD + 1234];
        new java.util.Random(7).nextBytes(big);
        Upload upload = service.create(ACCOUNT, new UploadRequest("big.bin", big.length, null, "download", null));
        Upload.Multipart multipart = assertInstanceOf(Upload.Multipart.class, upload);
        assertEquals(9, multipart.parts().size());

        // WHEN every part is PUT and the ETags are handed to complete
        List<AttachmentObjects.Part> parts = new ArrayList<>();
        for (Upload.PartUrl part : multipart.parts()) {
            int from = (int) ((part.number() - 1) * multipart.partSize());
            byte[] bytes = java.util.Arrays.copyOfRange(big, from, (int) (from + part.size()));
            HttpResponse<Void> answer = put(part.put(), bytes);
            assertEquals(200, answer.statusCode());
            parts.add(new AttachmentObjects.Part(part.number(), answer.headers().firstValue("etag").orElseThrow()));
        }
        Attachment ready = checked(service.complete(ACCOUNT, upload.attachment().id(),
                Optional.of(new AttachmentService.MultipartParts(multipart.uploadId(), parts)))).attachment();

        // THEN the joined object is the file
        assertEquals(Attachment.Status.READY, ready.status());
        assertEquals(sha256(big), ready.sha256());
        assertEquals(ContentSniffer.OCTET_STREAM, ready.contentType());
        service.revoke(ACCOUNT, ready.id());
    }

    private static Attachment uploadAndComplete(String name, byte[] bytes, String claimed, String mode) throws Exception {
        Upload upload = service.create(ACCOUNT, new UploadRequest(name, bytes.length, claimed, mode, null));
        assertEquals(200, put(((Upload.Single) upload).put(), bytes).statusCode());
        return checked(service.complete(ACCOUNT, upload.attachment().id(), Optional.empty())).attachment();
    }

    private static Completion.Checked checked(Completion completion) {
        return assertInstanceOf(Completion.Checked.class, completion);
    }

    /** The client's side: PUT to the presigned URL with its headers (HttpClient sets Content-Length itself). */
    private static HttpResponse<Void> put(AttachmentObjects.PresignedRequest request, byte[] body) throws Exception {
        HttpRequest.Builder put = HttpRequest.newBuilder(request.url()).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        request.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length")) {
                put.header(name, value);
            }
        });
        return HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding());
    }

    private static boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(LocalResources.ATTACHMENTS_BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static byte[] pdf(int pages) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                document.addPage(new PDPage());
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xFF8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    record Entry(String name, String text) {}

    private static byte[] zip(List<Entry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Entry e : entries) {
                zip.putNextEntry(new ZipEntry(e.name()));
                zip.write(e.text().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The smallest WordprocessingML package Word and LibreOffice open. */
    private static byte[] docx(String title, String body) throws IOException {
        return zip(List.of(
                new Entry("[Content_Types].xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                        <Default Extension="xml" ContentType="application/xml"/>
                        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                        </Types>"""),
                new Entry("_rels/.rels", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
                        </Relationships>"""),
                new Entry("word/document.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
                        <w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body>
                        </w:document>""".formatted(title, body))));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
