package dev.glint.send;

import dev.glint.model.EmailRecord;
import dev.glint.model.RecipientRecord;
import java.util.List;

/** What was stored and sent: the email and each recipient's send status. */
public record SendResult(EmailRecord email, List<RecipientRecord> recipients) {}
