package dev.glint.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glint.inbound.InboundHandler;
import dev.glint.model.Ids;
import dev.glint.relay.RelayOutcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SES inbound on one machine: a received message is stored in the local raw-mail bucket and the
 * same inbound handler Lambda runs is invoked with an SES receipt-rule event, as the stack's rule
 * (S3 action, then Lambda action) does.
 *
 * <p>The local listener accepts only loopback connections and cannot check SPF, DKIM or DMARC,
 * so its events say PASS for every verdict; the registered-sender check still applies.
 */
public final class LocalInbound {
    private final S3Client s3;
    private final InboundHandler handler;
    private final Clock clock;

    public LocalInbound(S3Client s3, InboundHandler handler, Clock clock) {
        this.s3 = s3;
        this.handler = handler;
        this.clock = clock;
    }

    /** Receives one message as SES would, and returns what the relay did. */
    public List<RelayOutcome> receive(String mailFrom, List<String> recipients, byte[] message) throws IOException {
        String messageId = Ids.random(40).toLowerCase(Locale.ROOT); // SES ids: lower-case letters and digits
        s3.putObject(b -> b.bucket(LocalResources.INBOUND_BUCKET).key(LocalResources.INBOUND_PREFIX + messageId),
                RequestBody.fromBytes(message));
        byte[] event = event(messageId, mailFrom, recipients, clock.instant()).getBytes(StandardCharsets.UTF_8);
        return handler.handle(new ByteArrayInputStream(event));
    }

    /** The receipt-rule event of the stack's Lambda action (see docs: "Lambda action"). */
    static String event(String messageId, String mailFrom, List<String> recipients, Instant at) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode mail = f.objectNode();
        mail.put("timestamp", at.toString());
        mail.put("source", mailFrom);
        mail.put("messageId", messageId);
        ArrayNode destination = mail.putArray("destination");
        recipients.forEach(destination::add);
        mail.put("headersTruncated", false);
        mail.putArray("headers");
        ObjectNode receipt = f.objectNode();
        receipt.put("timestamp", at.toString());
        receipt.put("processingTimeMillis", 0);
        ArrayNode rcpts = receipt.putArray("recipients");
        recipients.forEach(rcpts::add);
        for (String verdict : List.of("spamVerdict", "virusVerdict", "spfVerdict", "dkimVerdict", "dmarcVerdict")) {
            receipt.putObject(verdict).put("status", "PASS");
        }
        receipt.putObject("action").put("type", "Lambda").put("invocationType", "Event")
                .put("functionArn", "arn:aws:lambda:us-east-1:000000000000:function:glint-local-inbound");
        ObjectNode record = f.objectNode();
        record.put("eventSource", "aws:ses");
        record.put("eventVersion", "1.0");
        ObjectNode ses = record.putObject("ses");
        ses.set("mail", mail);
        ses.set("receipt", receipt);
        ObjectNode root = f.objectNode();
        root.putArray("Records").add(record);
        return root.toString();
    }
}
