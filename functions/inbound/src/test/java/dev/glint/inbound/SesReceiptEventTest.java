package dev.glint.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.relay.InboundMail;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SES receipt-rule event, read strictly: the published examples, and what is derived from them to break it. */
class SesReceiptEventTest {
    private static final String CANONICAL = "aws-lambda-go/ses-lambda-event.json";

    @Test
    void readsEveryFieldOfTheCanonicalLambdaActionEvent() throws IOException {
        // GIVEN the strict-JSON Lambda-action event with every verdict
        // WHEN it is parsed
        List<InboundMail> mails = parse(Files.readAllBytes(events().resolve(CANONICAL)));
        // THEN its one message is read whole
        assertEquals(List.of(new InboundMail("6n4thuhcbhpfiuf25gshf70rss364fuejrvmqko1", "aws@amazon.com",
                List.of("lambda@amazon.com"), InboundMail.Verdicts.ALL_PASS,
                Instant.parse("1970-01-01T00:00:00.123Z"))), mails);
    }

    @Test
    void readsEachVerdictFromItsOwnField() throws IOException {
        // GIVEN the canonical event with a different status in each verdict
        String json = canonical()
                .replace("\"spamVerdict\": {\n            \"status\": \"PASS\"", "\"spamVerdict\": {\n            \"status\": \"FAIL\"")
                .replace("\"dkimVerdict\": {\n            \"status\": \"PASS\"", "\"dkimVerdict\": {\n            \"status\": \"GRAY\"")
                .replace("\"dmarcVerdict\": {\n            \"status\": \"PASS\"", "\"dmarcVerdict\": {\n            \"status\": \"fail\"")
                .replace("\"spfVerdict\": {\n            \"status\": \"PASS\"", "\"spfVerdict\": {\n            \"status\": \"PROCESSING_FAILED\"")
                .replace("\"virusVerdict\": {\n            \"status\": \"PASS\"", "\"virusVerdict\": {\n            \"status\": \"DISABLED\"");
        assertFalse(json.contains("\"status\": \"PASS\""), "all five replaced");
        // WHEN parsed THEN each lands where it belongs, in upper case
        InboundMail.Verdicts v = parse(json).getFirst().verdicts();
        assertEquals(new InboundMail.Verdicts("PROCESSING_FAILED", "GRAY", "FAIL", "FAIL", "DISABLED"), v);
    }

    @Test
    void readsTheSamTemplateAndItsMissingDmarcVerdictAsGray() throws IOException {
        // GIVEN the SAM CLI template: {{{placeholders}}} in places the relay does not read, and no dmarcVerdict
        String json = Files.readString(events().resolve("aws-sam-cli/SesEmailReceiving.json"));
        assertTrue(json.contains("{{{"), "the template still holds placeholders");
        // WHEN parsed
        InboundMail mail = parse(json).getFirst();
        // THEN every field read is real data, and the missing verdict is GRAY, never a pass
        assertEquals(new InboundMail("o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1", "janedoe@example.com",
                List.of("johndoe@example.com"), new InboundMail.Verdicts("PASS", "PASS", "GRAY", "PASS", "PASS"),
                Instant.EPOCH), mail);
        assertFalse(mail.toString().contains("{{{"), mail.toString());
    }

    static Stream<Named<Path>> receiptEvents() throws IOException {
        return Stream.of("aws-lambda-go/ses-lambda-event.json", "aws-lambda-go/ses-s3-event.json",
                "aws-lambda-go/ses-sns-event.json", "aws-sam-cli/SesEmailReceiving.json")
                .map(name -> Named.of(name, events().resolve(name)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receiptEvents")
    void readsEveryPublishedReceiptEvent(Path file) throws IOException {
        // GIVEN a published SES receipt event (Lambda, S3 and SNS actions share the record shape)
        // WHEN parsed
        List<InboundMail> mails = parse(Files.readAllBytes(file));
        // THEN one message with an object-name id, recipients and a time
        assertEquals(1, mails.size());
        InboundMail mail = mails.getFirst();
        assertTrue(mail.messageId().matches("[a-z0-9]{20,}"), mail.messageId());
        assertFalse(mail.recipients().isEmpty());
        assertTrue(mail.envelopeFrom().contains("@"), mail.envelopeFrom());
        assertTrue(mail.receivedAt().isBefore(Instant.parse("2020-01-01T00:00:00Z")));
    }

    @Test
    void readsTheS3ActionEventsTimeAndVerdicts() throws IOException {
        InboundMail mail = parse(Files.readAllBytes(events().resolve("aws-lambda-go/ses-s3-event.json"))).getFirst();
        assertEquals("d6iitobk75ur44p8kdnnp7g2n800", mail.messageId());
        assertEquals(Instant.parse("2015-09-11T20:32:33.936Z"), mail.receivedAt());
        assertEquals(List.of("recipient@example.com"), mail.recipients());
        assertEquals(InboundMail.Verdicts.ALL_PASS, mail.verdicts());
    }

    static Stream<Named<Path>> notStrictJson() throws IOException {
        Path dir = events().resolve("amazon-ses-developer-guide/receiving");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.filter(p -> p.getFileName().toString().endsWith(".nonstrict.json")).sorted().toList();
            if (all.size() != 3) {
                throw new IllegalStateException("expected the three *.nonstrict.json files in " + dir + ", found " + all);
            }
            return all.stream().map(p -> Named.of(p.getFileName().toString(), p));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notStrictJson")
    void rejectsTheDocumentationExamplesThatAreNotStrictJson(Path file) throws IOException {
        // GIVEN an SES guide example with raw line breaks in strings or an invalid escape
        byte[] json = Files.readAllBytes(file);
        // WHEN parsed THEN it is refused as malformed JSON
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(json));
        assertTrue(e.getMessage().startsWith("the SES event is not valid JSON"), e.getMessage());
    }

    @Test
    void rejectsWhatIsNoLambdaReceiptEvent() throws IOException {
        // GIVEN an SNS notification body, a Python dict and an SQS event
        for (String name : List.of("amazon-ses-developer-guide/receiving/sns-action-notification.json",
                "amazon-ses-developer-guide/receiving/sns-action-lambda-record.python-repr.txt",
                "aws-lambda-go/sqs-event.json", "aws-lambda-go/sns-event.json")) {
            byte[] json = Files.readAllBytes(events().resolve(name));
            // WHEN parsed THEN each is refused
            assertThrows(IllegalArgumentException.class, () -> parse(json), name);
        }
    }

    @Test
    void rejectsAnotherEventSource() throws IOException {
        String json = canonical().replace("\"eventSource\": \"aws:ses\"", "\"eventSource\": \"aws:sqs\"");
        assertMessage(json, "eventSource aws:sqs");
        assertMessage(canonical().replace("\"eventSource\": \"aws:ses\"", "\"eventSource\": null"), "eventSource");
        assertMessage(canonical().replace("\"eventSource\": \"aws:ses\"", "\"eventSource\": \"AWS:SES\""), "eventSource");
    }

    @Test
    void rejectsAnEventWithoutRecords() {
        for (String json : List.of("{}", "{\"Records\":[]}", "{\"Records\":{}}", "{\"Records\":null}", "[]", "null",
                "\"Records\"", "")) {
            assertThrows(IllegalArgumentException.class, () -> parse(json), json);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../secret", "a/b", "..", ".", ".hidden", "abc..def", "a b", "a\\\\b", "",
            "ÿ", "abc%2F", "abc?x"})
    void rejectsAMessageIdThatIsNoPlainObjectName(String id) throws IOException {
        String json = canonical().replace("\"6n4thuhcbhpfiuf25gshf70rss364fuejrvmqko1\"", "\"" + id + "\"");
        assertMessage(json, "messageId");
    }

    @Test
    void rejectsAMissingOrNonStringMessageId() throws IOException {
        assertMessage(canonical().replace("\"messageId\": \"6n4thuhcbhpfiuf25gshf70rss364fuejrvmqko1\"",
                "\"messageId\": 12345"), "messageId");
        assertMessage(canonical().replace("\"messageId\": \"6n4thuhcbhpfiuf25gshf70rss364fuejrvmqko1\"",
                "\"id\": \"6n4thuhcbhpfiuf25gshf70rss364fuejrvmqko1\""), "messageId");
        assertEquals("a".repeat(200), parse(canonical().replace("6n4thuhcbhpfiuf25gshf70rss364fuejrvmqko1",
                "a".repeat(200))).getFirst().messageId());
        assertMessage(canonical().replace("6n4thuhcbhpfiuf25gshf70rss364fuejrvmqko1", "a".repeat(201)), "messageId");
    }

    @Test
    void rejectsAnEventWithoutRecipients() throws IOException {
        String recipients = "\"recipients\": [\n            \"lambda@amazon.com\"\n          ]";
        assertTrue(canonical().contains(recipients));
        assertMessage(canonical().replace(recipients, "\"recipients\": []"), "no recipients");
        assertMessage(canonical().replace(recipients, "\"other\": []"), "no recipients");
        assertMessage(canonical().replace(recipients, "\"recipients\": [42]"), "recipient");
        assertMessage(canonical().replace(recipients, "\"recipients\": [\"\"]"), "recipient");
        assertMessage(canonical().replace(recipients, "\"recipients\": [{\"address\": \"a@b.example\"}]"), "recipient");
    }

    @Test
    void readsSeveralRecipientsInOrder() throws IOException {
        String recipients = "\"recipients\": [\n            \"lambda@amazon.com\"\n          ]";
        String json = canonical().replace(recipients,
                "\"recipients\": [\"a@example.com.t.glint.example\", \"mdn-x@t.glint.example\", \"b@example.org.t.glint.example\"]");
        assertEquals(List.of("a@example.com.t.glint.example", "mdn-x@t.glint.example", "b@example.org.t.glint.example"),
                parse(json).getFirst().recipients());
    }

    @Test
    void rejectsABadTimestamp() throws IOException {
        String receiptTime = "\"timestamp\": \"1970-01-01T00:00:00.123Z\",\n          \"spamVerdict\"";
        assertTrue(canonical().contains(receiptTime));
        assertMessage(canonical().replace(receiptTime, "\"timestamp\": \"yesterday\",\n          \"spamVerdict\""),
                "timestamp");
        assertMessage(canonical().replace("1970-01-01T00:00:00.123Z", "1970-01-01 00:00:00"), "timestamp");
        assertMessage(canonical().replace("\"1970-01-01T00:00:00.123Z\"", "\"\""), "timestamp");
    }

    @Test
    void fallsBackToTheMailTimestamp() throws IOException {
        String receiptTime = "\"timestamp\": \"1970-01-01T00:00:00.123Z\",\n          \"spamVerdict\"";
        String json = canonical().replace(receiptTime, "\"spamVerdict\"")
                .replace("\"timestamp\": \"1970-01-01T00:00:00.123Z\"", "\"timestamp\": \"2026-03-01T08:00:00Z\"");
        assertEquals(Instant.parse("2026-03-01T08:00:00Z"), parse(json).getFirst().receivedAt());
        String neither = canonical().replace(receiptTime, "\"spamVerdict\"")
                .replace("\"timestamp\": \"1970-01-01T00:00:00.123Z\",", "");
        assertMessage(neither, "timestamp");
    }

    @Test
    void rejectsDuplicateKeys() throws IOException {
        // GIVEN a second messageId, or a second dmarcVerdict that would pass a failing one
        assertMessage(canonical().replace("\"messageId\": \"6n4thuhcbhpfiuf25gshf70rss364fuejrvmqko1\"",
                "\"messageId\": \"6n4thuhcbhpfiuf25gshf70rss364fuejrvmqko1\", \"messageId\": \"other\""), "not valid JSON");
        assertMessage(canonical().replace("\"dmarcPolicy\": \"reject\"",
                "\"dmarcPolicy\": \"reject\", \"dmarcVerdict\": {\"status\": \"PASS\"}"), "not valid JSON");
    }

    @Test
    void rejectsTrailingGarbageCommentsAndTrailingCommas() throws IOException {
        assertMessage(canonical() + "{}", "not valid JSON");
        assertMessage(canonical() + "\n]", "not valid JSON");
        assertMessage(canonical() + "x", "not valid JSON");
        assertMessage("// SES\n" + canonical(), "not valid JSON");
        assertMessage(canonical().replace("\"eventSource\": \"aws:ses\"", "\"eventSource\": \"aws:ses\","), "not valid JSON");
        assertMessage(canonical().replace("\"eventSource\": \"aws:ses\"", "'eventSource': 'aws:ses'"), "not valid JSON");
        assertEquals(1, parse(canonical() + "\n \t\r\n").size());
    }

    @Test
    void readsMissingVerdictsAsGray() throws IOException {
        // GIVEN a record whose receipt has no verdict fields at all, or verdicts of the wrong shape
        String json = "{\"Records\":[{\"eventSource\":\"aws:ses\",\"ses\":{\"mail\":{\"messageId\":\"m1\","
                + "\"source\":\"a@example.com\"},\"receipt\":{\"recipients\":[\"b@example.com.t.glint.example\"],"
                + "\"timestamp\":\"2026-01-02T03:04:05Z\",\"spfVerdict\":\"PASS\",\"dkimVerdict\":{\"status\":true},"
                + "\"dmarcVerdict\":{\"status\":null},\"spamVerdict\":{}}}}]}";
        // WHEN parsed THEN every verdict is GRAY: not evaluated is never a pass
        InboundMail mail = parse(json).getFirst();
        assertEquals(new InboundMail.Verdicts("GRAY", "GRAY", "GRAY", "GRAY", "GRAY"), mail.verdicts());
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), mail.receivedAt());
    }

    @Test
    void readsANullSenderAsEmpty() throws IOException {
        String json = canonical().replace("\"source\": \"aws@amazon.com\"", "\"source\": \"\"");
        assertEquals("", parse(json).getFirst().envelopeFrom());
        String absent = canonical().replace("\"source\": \"aws@amazon.com\",", "");
        assertEquals("", parse(absent).getFirst().envelopeFrom());
    }

    @Test
    void readsEveryRecordOfAnEventInOrder() throws IOException {
        String record = canonical().substring(canonical().indexOf('[') + 1, canonical().lastIndexOf(']'));
        String second = record.replace("6n4thuhcbhpfiuf25gshf70rss364fuejrvmqko1", "second0message0id");
        List<InboundMail> mails = parse("{\"Records\":[" + record + "," + second + "]}");
        assertEquals(List.of("6n4thuhcbhpfiuf25gshf70rss364fuejrvmqko1", "second0message0id"),
                mails.stream().map(InboundMail::messageId).toList());
        // AND one bad record refuses the whole event
        String bad = record.replace("\"aws:ses\"", "\"aws:s3\"");
        assertThrows(IllegalArgumentException.class, () -> parse("{\"Records\":[" + record + "," + bad + "]}"));
    }

    private static void assertMessage(String json, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(json));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    private static String canonical() throws IOException {
        return Files.readString(events().resolve(CANONICAL), StandardCharsets.UTF_8);
    }

    private static List<InboundMail> parse(String json) throws IOException {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<InboundMail> parse(byte[] json) throws IOException {
        try (InputStream in = new ByteArrayInputStream(json)) {
            return SesReceiptEvent.parse(in);
        }
    }

    private static Path events() {
        String shared = System.getProperty("glint.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property glint.shared.dir is not set: run the tests through"
                    + " Maven (the parent pom sets it for surefire) or pass -Dglint.shared.dir=<shared dir>");
        }
        Path dir = Path.of(shared, "fixtures", "aws-events");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the AWS event fixtures are missing: no directory " + dir);
        }
        return dir;
    }
}
