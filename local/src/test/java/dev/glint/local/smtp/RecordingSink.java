package dev.glint.local.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every delivered message; the server answers 250 only after deliver returned, so no waiting is needed. */
final class RecordingSink implements MessageSink {
    record Delivery(String mailFrom, List<String> rcptTo, byte[] rawMessage) {
        String text() {
            return new String(rawMessage, StandardCharsets.UTF_8);
        }
    }

    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    @Override
    public void deliver(String mailFrom, List<String> rcptTo, byte[] rawMessage) {
        deliveries.add(new Delivery(mailFrom, rcptTo, rawMessage));
    }

    Delivery only() {
        if (deliveries.size() != 1) {
            throw new AssertionError("expected one delivery, got " + deliveries.size());
        }
        return deliveries.get(0);
    }
}
