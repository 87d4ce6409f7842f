package dev.glint.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.glint.attach.AttachmentService;
import dev.glint.attach.LibreOfficeConverter;
import dev.glint.auth.ApiKeys;
import dev.glint.store.S3AttachmentObjects;
import java.net.URI;
import java.util.Optional;
import dev.glint.model.Json;
import dev.glint.send.IdempotentSends;
import dev.glint.send.SendService;
import dev.glint.stats.StatsService;
import dev.glint.token.KeyRing;
import dev.glint.token.TokenSealer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The API handler on real parts (router, parser, send service, token sealer, API keys) over
 * in-memory stores that count their calls, and one account with a valid key.
 */
final class TestApi {
    static final String ACCOUNT = "acct_aaaaaaaaaaaa";
    static final String OTHER_ACCOUNT = "acct_bbbbbbbbbbbb";
    static final Instant NOW = Instant.parse("2026-05-01T09:30:00.123Z");
    static final String REFUSED = "refused@example.com";

    final ApiKeys apiKeys = new ApiKeys(new InMemoryApiKeyStore());
    final String key = apiKeys.create(ACCOUNT, "test");
    final InMemoryEmailStore emails = new InMemoryEmailStore();
    final InMemoryEventStore events = new InMemoryEventStore();
    final InMemoryIdempotencyStore idempotencyKeys = new InMemoryIdempotencyStore();
    final InMemorySenderStore senders = new InMemorySenderStore();
    final InMemoryAttachmentStore attachments = new InMemoryAttachmentStore();
    final InMemoryAttachmentEventStore audit = new InMemoryAttachmentEventStore();
    final RecordingMailSender sender = new RecordingMailSender(Set.of(REFUSED));
    final List<String> errorLog = new ArrayList<>();
    final TokenSealer sealer = new TokenSealer(KeyRing.generate());
    final ApiHandler handler;

    /** Fixed at {@link #NOW} unless a test moves it. */
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    TestApi() {
        SendService sends = new SendService(emails, attachments, sender, sealer,
                "https://t.glint.example/", Duration.ofDays(730), clock);
        handler = new ApiHandler(new ApiRouter(apiKeys, new EmailResources(
                new IdempotentSends(sends, emails, idempotencyKeys, clock), emails, events,
                new StatsService(emails)), new SenderResources(senders, clock),
                new AttachmentResources(new AttachmentService(attachments,
                        // presigning is local computation; nothing here may reach S3 (the local module's tests do)
                        S3AttachmentObjects.create(Optional.of(URI.create("http://127.0.0.1:9")), "us-east-1", "attachments"),
                        new LibreOfficeConverter("/nonexistent/soffice", Duration.ofSeconds(1)),
                        AttachmentService.DEFAULT_MAX_BYTES, clock), audit)), errorLog::add);
    }

    void advanceClock(Duration by) {
        now = now.plus(by);
    }

    Answer call(ApiEvents request) {
        return call(request.event());
    }

    Answer call(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(response.getHeaders());
        return new Answer(response.getStatusCode(), headers, response.getBody());
    }

    /** Nothing was read from or written to storage (no idempotency key claimed either), and no mail left. */
    boolean storageUntouched() {
        return emails.calls() == 0 && events.calls() == 0 && idempotencyKeys.calls() == 0 && sender.sent().isEmpty()
                && attachments.calls() == 0 && audit.calls() == 0;
    }

    /** What the handler answered, with its body parsed when it is JSON. */
    record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return headers.get(name);
        }

        /** The fields named in a validation problem, in order. */
        List<String> invalidFields() {
            List<String> fields = new ArrayList<>();
            json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
            return fields;
        }

        String detailOf(String field) {
            for (JsonNode e : json().path("errors")) {
                if (e.path("field").asText().equals(field)) {
                    return e.path("detail").asText();
                }
            }
            throw new AssertionError("no error for " + field + " in " + body);
        }
    }
}
