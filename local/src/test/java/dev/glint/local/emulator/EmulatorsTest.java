package dev.glint.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Starts the real emulators (node child processes) once and drives them through the AWS SDK. */
class EmulatorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOG_ROOT = Path.of("target", "emulator-logs");

    private static Emulators emulators;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static SesV2Client ses;
    private static HttpClient http;
    private static final List<URI> sqsRequestTargets = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startEmulators() {
        long t0 = System.nanoTime();
        emulators = Emulators.start(EmulatorOptions.inMemory(emulatorsDir(), LOG_ROOT.resolve("shared")));
        long startMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("[emulators] all three answering after %d ms; RSS: %s%n", startMs, rss(emulators));

        dynamo = AwsClients.dynamoDb(emulators);
        // Records where every SQS call really goes: the SDK must use the override, not the queue URL's host.
        sqs = AwsClients.local(SqsClient.builder(), emulators.sqsEndpoint())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        sqsRequestTargets.add(context.httpRequest().getUri());
                    }
                }))
                .build();
        ses = AwsClients.sesV2(emulators);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stopEmulators() {
        if (emulators == null) {
            return;
        }
        System.out.printf("[emulators] RSS after the tests: %s%n", rss(emulators));
        List<ProcessHandle> children = emulators.processes();
        dynamo.close();
        sqs.close();
        ses.close();
        http.close();
        emulators.close();
        children.forEach(child -> assertFalse(child.isAlive(), "still running after close(): " + child.pid()));
    }

    // ---- DynamoDB (dynalite) ------------------------------------------------------------------

    @Test
    void dynamoTableWithGsiAndLsiSupportsConditionalPutAddAndQuery() {
        // GIVEN a table with a GSI and an LSI
        String table = "events-" + UUID.randomUUID();
        dynamo.createTable(b -> b.tableName(table)
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(
                        attr("pk", ScalarAttributeType.S), attr("sk", ScalarAttributeType.S),
                        attr("at", ScalarAttributeType.N), attr("gpk", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byTime")
                        .keySchema(key("pk", KeyType.HASH), key("at", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byGroup")
                        .keySchema(key("gpk", KeyType.HASH), key("at", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
        assertEquals(TableStatus.ACTIVE, dynamo.describeTable(b -> b.tableName(table)).table().tableStatus());

        // WHEN items are put only if absent, twice for the same key
        for (int i = 0; i < 3; i++) {
            dynamo.putItem(b -> b.tableName(table).item(item(
                    "pk", s("msg#1"), "sk", s("hit#" + UUID.randomUUID()), "at", n(100 + 0), "gpk", s("acct#1")))
                    .conditionExpression("attribute_not_exists(pk)"));
        }
        Map<String, AttributeValue> aggregate = item("pk", s("msg#1"), "sk", s("agg"), "at", n(1), "gpk", s("acct#1"));
        dynamo.putItem(b -> b.tableName(table).item(aggregate).conditionExpression("attribute_not_exists(pk)"));
        assertThrows(ConditionalCheckFailedException.class, () ->
                dynamo.putItem(b -> b.tableName(table).item(aggregate).conditionExpression("attribute_not_exists(pk)")));

        // AND a counter is bumped with ADD under a condition
        for (int i = 0; i < 2; i++) {
            dynamo.updateItem(b -> b.tableName(table).key(item("pk", s("msg#1"), "sk", s("agg")))
                    .updateExpression("ADD opens :one SET lastAt = :at")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":one", n(1), ":at", n(200))));
        }

        // THEN the counter, the LSI and the GSI all see the writes
        assertEquals("2", dynamo.getItem(b -> b.tableName(table).key(item("pk", s("msg#1"), "sk", s("agg"))))
                .item().get("opens").n());
        QueryResponse byTime = dynamo.query(b -> b.tableName(table).indexName("byTime")
                .keyConditionExpression("pk = :pk AND #at >= :from")
                .expressionAttributeNames(Map.of("#at", "at"))
                .expressionAttributeValues(Map.of(":pk", s("msg#1"), ":from", n(100))));
        assertEquals(3, byTime.count());
        QueryResponse byGroup = dynamo.query(b -> b.tableName(table).indexName("byGroup")
                .keyConditionExpression("gpk = :g")
                .expressionAttributeValues(Map.of(":g", s("acct#1"))));
        assertEquals(4, byGroup.count());
        QueryResponse paged = dynamo.query(b -> b.tableName(table).limit(2)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                .expressionAttributeValues(Map.of(":pk", s("msg#1"), ":p", s("hit#"))));
        assertEquals(2, paged.count());
        assertFalse(paged.lastEvaluatedKey().isEmpty());
    }

    @Test
    void dynamoAcceptsNestedMapPathsInUpdateAndConditionExpressions() {
        // GIVEN an item whose recipients map already exists (DynamoDB cannot SET a.b when a is absent)
        String table = "nested-" + UUID.randomUUID();
        dynamo.createTable(b -> b.tableName(table).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(attr("pk", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH)));
        Map<String, AttributeValue> id = item("pk", s("msg#1"));
        dynamo.putItem(b -> b.tableName(table).item(item("pk", s("msg#1"), "r", AttributeValue.fromM(Map.of()))));
        Map<String, String> names = Map.of("#r", "r", "#k", "bob@example.com", "#v", "version");

        // WHEN a recipient entry is written only if absent or older
        setRecipientVersion(table, id, names, 1);
        setRecipientVersion(table, id, names, 3);
        assertThrows(ConditionalCheckFailedException.class, () -> setRecipientVersion(table, id, names, 2));

        // THEN the newest version wins
        AttributeValue entry = dynamo.getItem(b -> b.tableName(table).key(id)).item().get("r").m().get("bob@example.com");
        assertEquals("3", entry.m().get("version").n());

        // AND, as on DynamoDB, SET of a nested path whose parent map is missing is a ValidationException
        dynamo.putItem(b -> b.tableName(table).item(item("pk", s("msg#2"))));
        DynamoDbException missingParent = assertThrows(DynamoDbException.class, () ->
                setRecipientVersion(table, item("pk", s("msg#2")), names, 1));
        assertFalse(missingParent instanceof ConditionalCheckFailedException, missingParent.toString());
        System.out.println("[dynalite] SET #r.#k with #r absent: " + missingParent.awsErrorDetails().errorCode()
                + ": " + missingParent.awsErrorDetails().errorMessage());
        // The usual fix works: create the map if absent in the same update.
        dynamo.updateItem(b -> b.tableName(table).key(item("pk", s("msg#3")))
                .updateExpression("SET #r = if_not_exists(#r, :empty)")
                .expressionAttributeNames(Map.of("#r", "r"))
                .expressionAttributeValues(Map.of(":empty", AttributeValue.fromM(Map.of()))));
        setRecipientVersion(table, item("pk", s("msg#3")), names, 1);
    }

    private static void setRecipientVersion(String table, Map<String, AttributeValue> key, Map<String, String> names, int version) {
        dynamo.updateItem(b -> b.tableName(table).key(key)
                .updateExpression("SET #r.#k = :v")
                .conditionExpression("attribute_not_exists(#r.#k) OR #r.#k.#v < :n")
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(
                        ":v", AttributeValue.fromM(Map.of("version", n(version), "opens", n(0))),
                        ":n", n(version)))
                .returnValues(ReturnValue.NONE));
    }

    // ---- SQS (fauxqs) ---------------------------------------------------------------------------

    @Test
    void sqsQueueWithRedrivePolicySendsReceivesAndDeletesThroughTheEmulator() throws Exception {
        // GIVEN a queue whose redrive policy points at a DLQ
        String name = "hits-" + UUID.randomUUID();
        String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, redrive(dlqArn, 3),
                QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
        assertTrue(queueUrl.startsWith("http://sqs.us-east-1.localhost:" + emulators.sqsEndpoint().getPort() + "/"), queueUrl);

        // WHEN a message is sent, received and deleted
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"hit\":1}"));
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        assertEquals(1, received.size());
        assertEquals("{\"hit\":1}", received.getFirst().body());
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(received.getFirst().receiptHandle()));

        // THEN the queue is empty, every SDK call went to the emulator's loopback port,
        // and the emulator itself (not some other endpoint) holds the queue
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(0)).messages().isEmpty());
        URI endpoint = emulators.sqsEndpoint();
        assertFalse(sqsRequestTargets.isEmpty());
        sqsRequestTargets.forEach(target -> {
            assertEquals("127.0.0.1", target.getHost(), target.toString());
            assertEquals(endpoint.getPort(), target.getPort(), target.toString());
        });
        JsonNode inspected = getJson(endpoint.resolve("/_fauxqs/queues/" + name));
        assertEquals(name, inspected.path("name").asText(), inspected.toString());
        assertEquals(redrive(dlqArn, 3), inspected.path("attributes").path("RedrivePolicy").asText(), inspected.toString());
    }

    @Test
    void sqsLongPollWaitsForALateMessageAndReportsReceiveCount() {
        // GIVEN an empty queue
        String queueUrl = sqs.createQueue(b -> b.queueName("poll-" + UUID.randomUUID())).queueUrl();

        // WHEN a long poll is waiting and a message arrives later
        Thread.ofVirtual().start(() -> {
            try (SqsClient sender = AwsClients.sqs(emulators)) {
                // the receiver below is already blocked in its 5 s long poll when this lands
                sender.sendMessage(b -> b.queueUrl(queueUrl).messageBody("late").delaySeconds(1));
            }
        });
        long t0 = System.nanoTime();
        List<Message> first = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(5).visibilityTimeout(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;

        // THEN the poll returned with it before its 5 s were up, and counts receives
        assertEquals(1, first.size(), "long poll returned nothing after " + waitedMs + " ms");
        assertTrue(waitedMs >= 500 && waitedMs < 5000, "waited " + waitedMs + " ms");
        assertEquals("1", first.getFirst().attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
        List<Message> second = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(2)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        assertEquals("2", second.getFirst().attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
    }

    @Test
    void sqsMovesAMessageToTheDlqAfterMaxReceiveCount() {
        // GIVEN a queue that redrives to a DLQ after 2 receives
        String name = "redrive-" + UUID.randomUUID();
        String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, redrive(dlqArn, 2)))).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("poison"));

        // WHEN a consumer receives it twice without deleting it (visibility 0 = fail at once)
        for (int i = 1; i <= 2; i++) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).visibilityTimeout(0).waitTimeSeconds(1))
                    .messages();
            assertEquals(1, got.size(), "receive #" + i);
        }

        // THEN the third receive finds nothing and the DLQ has the message, with its receive count kept
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(queueUrl).visibilityTimeout(0).waitTimeSeconds(0))
                .messages().isEmpty());
        List<Message> dead = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertEquals(1, dead.size());
        assertEquals("poison", dead.getFirst().body());
        System.out.println("[fauxqs] DLQ message attributes: " + dead.getFirst().attributes());
    }

    private static String redrive(String dlqArn, int maxReceiveCount) {
        return "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
    }

    // ---- SES v2 (aws-ses-v2-local) ------------------------------------------------------------

    @Test
    void sesStoresASentEmailWithRecipientSubjectAndBothBodies() throws Exception {
        // GIVEN a unique subject
        String subject = "Report " + UUID.randomUUID();

        // WHEN it is sent through the SES v2 API with simple html + text content
        String messageId = ses.sendEmail(b -> b.fromEmailAddress("glint@example.com")
                .destination(d -> d.toAddresses("alice@example.com"))
                .content(c -> c.simple(m -> m.subject(t -> t.data(subject))
                        .body(body -> body.html(t -> t.data("<p>Hello <b>Alice</b></p>")).text(t -> t.data("Hello Alice")))))
        ).messageId();

        // THEN GET /store returns it. Shape (aws-ses-v2-local 2.10.2):
        // {"templates":{},"emails":[{"messageId","from","replyTo":[],"destination":{"to":[],"cc":[],"bcc":[]},
        //   "subject","body":{"html","text"},"attachments":[],"at":<epoch seconds>}]}  ("headers" only when sent)
        JsonNode store = getJson(emulators.sesEndpoint().resolve("/store"));
        System.out.println("[ses] GET /store: " + store);
        JsonNode email = findEmail(store, subject).orElseThrow(() -> new AssertionError("not in store: " + store));
        assertEquals(messageId, email.path("messageId").asText());
        assertEquals("glint@example.com", email.path("from").asText());
        assertEquals("alice@example.com", email.path("destination").path("to").path(0).asText());
        assertEquals("<p>Hello <b>Alice</b></p>", email.path("body").path("html").asText());
        assertEquals("Hello Alice", email.path("body").path("text").asText());
        assertTrue(email.path("at").isNumber());
    }

    @Test
    void sesStoreFiltersBySinceSecondsAndClears() throws Exception {
        // aws-ses-v2-local has exactly two store controls: GET /store?since=<epoch seconds> keeps emails with
        // at >= since (whole seconds), and POST /clear-store empties the whole store (emails AND templates) for
        // every caller. No filter by recipient, subject or id: filter client-side. A non-integer `since` is
        // meant to give 400 but 2.10.2 then answers twice (ERR_HTTP_HEADERS_SENT) and drops the connection.
        String subject = "Since " + UUID.randomUUID();
        long before = System.currentTimeMillis() / 1000;
        ses.sendEmail(b -> b.fromEmailAddress("glint@example.com")
                .destination(d -> d.toAddresses("carol@example.com"))
                .content(c -> c.simple(m -> m.subject(t -> t.data(subject)).body(body -> body.text(t -> t.data("x"))))));

        assertTrue(findEmail(getJson(emulators.sesEndpoint().resolve("/store?since=" + before)), subject).isPresent());
        assertTrue(findEmail(getJson(emulators.sesEndpoint().resolve("/store?since=" + (before + 3600))), subject).isEmpty());

        HttpResponse<String> cleared = http.send(HttpRequest.newBuilder(emulators.sesEndpoint().resolve("/clear-store"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, cleared.statusCode());
        assertEquals(0, getJson(emulators.sesEndpoint().resolve("/store")).path("emails").size());
    }

    private static Optional<JsonNode> findEmail(JsonNode store, String subject) {
        for (JsonNode email : store.path("emails")) {
            if (subject.equals(email.path("subject").asText())) {
                return Optional.of(email);
            }
        }
        return Optional.empty();
    }

    // ---- lifecycle ------------------------------------------------------------------------------

    @Test
    void dynaliteDataDirSurvivesARestartAndCloseEndsTheProcess(@TempDir Path dataDir) {
        // GIVEN dynalite on a data dir with one item written
        EmulatorOptions options = EmulatorOptions.inMemory(emulatorsDir(), LOG_ROOT.resolve("persist"))
                .only(Emulator.DYNALITE).withDataDir(dataDir);
        ProcessHandle first;
        try (Emulators dynaliteOnly = Emulators.start(options); DynamoDbClient client = AwsClients.dynamoDb(dynaliteOnly)) {
            first = dynaliteOnly.process(Emulator.DYNALITE).orElseThrow();
            assertThrows(IllegalStateException.class, dynaliteOnly::sqsEndpoint, "fauxqs was not started");
            client.createTable(b -> b.tableName("kept").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(attr("pk", ScalarAttributeType.S)).keySchema(key("pk", KeyType.HASH)));
            client.putItem(b -> b.tableName("kept").item(item("pk", s("a"), "v", s("persisted"))));
        }
        // WHEN it is closed and started again on the same dir
        assertFalse(first.isAlive(), "dynalite still running after close()");
        try (Emulators again = Emulators.start(options); DynamoDbClient client = AwsClients.dynamoDb(again)) {
            // THEN the table and the item are back
            assertEquals("persisted", client.getItem(b -> b.tableName("kept").key(item("pk", s("a")))).item().get("v").s());
            assertTrue(Files.exists(dataDir.resolve("CURRENT")), "LevelDB files in the data dir");
        }
    }

    @Test
    void closeEndsEveryEmulatorProcess() {
        // GIVEN a second, independent set of emulators
        Emulators extra = Emulators.start(EmulatorOptions.inMemory(emulatorsDir(), LOG_ROOT.resolve("close")));
        List<ProcessHandle> children = extra.processes();
        assertEquals(3, children.size());
        children.forEach(child -> assertTrue(child.isAlive()));

        // WHEN closed (twice: close is idempotent)
        extra.close();
        extra.close();

        // THEN no node process is left
        children.forEach(child -> assertFalse(child.isAlive(), "still running: " + child.pid()));
    }

    @Test
    void everyEmulatorListensOnLoopbackOnly() throws IOException {
        // fauxqs's own CLI and startFauxqs() listen on 0.0.0.0; fauxqs.mjs must not.
        Path tcp = Path.of("/proc/net/tcp");
        Assumptions.assumeTrue(Files.isReadable(tcp), "needs Linux /proc/net/tcp");
        List<String> listening = new ArrayList<>(Files.readAllLines(tcp));
        Path tcp6 = Path.of("/proc/net/tcp6");
        if (Files.isReadable(tcp6)) {
            listening.addAll(Files.readAllLines(tcp6));
        }
        for (URI endpoint : List.of(emulators.dynamoEndpoint(), emulators.sqsEndpoint(), emulators.sesEndpoint())) {
            String port = String.format(":%04X", endpoint.getPort());
            List<String> local = listening.stream()
                    .map(line -> line.trim().split("\\s+"))
                    .filter(cols -> cols.length > 3 && cols[1].endsWith(port) && cols[3].equals("0A")) // 0A = LISTEN
                    .map(cols -> cols[1])
                    .toList();
            assertEquals(List.of("0100007F" + port), local, "listen sockets for " + endpoint);
        }
    }

    @Test
    void startFailsClearlyWhenThePackagesAreNotInstalled(@TempDir Path empty) {
        EmulatorStartException e = assertThrows(EmulatorStartException.class,
                () -> Emulators.start(EmulatorOptions.inMemory(empty, empty.resolve("logs"))));
        assertTrue(e.getMessage().contains("npm ci"), e.getMessage());
    }

    @Test
    void startFailureShowsTheEndOfTheEmulatorLog(@TempDir Path fakeInstall) throws IOException {
        // GIVEN an "installed" dynalite that dies at once with a message
        Path cli = fakeInstall.resolve(Emulator.DYNALITE.script());
        Files.createDirectories(cli.getParent());
        Files.writeString(cli, "console.error('boom: cannot open store'); process.exit(3);");

        // WHEN it is started
        EmulatorStartException e = assertThrows(EmulatorStartException.class, () -> Emulators.start(
                EmulatorOptions.inMemory(fakeInstall, fakeInstall.resolve("logs")).only(Emulator.DYNALITE)));

        // THEN the message names the exit code and quotes the log
        assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("boom: cannot open store"), e.getMessage());
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Path emulatorsDir() {
        return EmulatorOptions.emulatorsDirFromEnvironment().orElse(Path.of("emulators"));
    }

    private static JsonNode getJson(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), uri + " -> " + response.body());
        return JSON.readTree(response.body());
    }

    /** Resident set size of each emulator process, from /proc (Linux); "n/a" elsewhere. */
    private static String rss(Emulators running) {
        StringBuilder out = new StringBuilder();
        long total = 0;
        for (Emulator emulator : Emulator.values()) {
            Optional<ProcessHandle> handle = running.process(emulator);
            if (handle.isEmpty()) {
                continue;
            }
            Path status = Path.of("/proc", Long.toString(handle.get().pid()), "status");
            long kb = -1;
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        kb = Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                return "n/a";
            }
            total += kb;
            out.append(emulator).append('=').append(kb / 1024).append(" MB ");
        }
        return out.append("total=").append(total / 1024).append(" MB").toString();
    }

    private static AttributeDefinition attr(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static Map<String, AttributeValue> item(Object... pairs) {
        Map<String, AttributeValue> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (AttributeValue) pairs[i + 1]);
        }
        return map;
    }
}
