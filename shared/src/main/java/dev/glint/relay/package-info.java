/**
 * The tracking-address relay: mail sent to {@code bob@example.com.<tracking domain>} arrives
 * through SES inbound, is checked (registered sender, SES verdicts, size), and goes out once per
 * recipient as a tracked copy; read receipts to per-recipient addresses become events.
 */
@NullMarked
package dev.glint.relay;

import org.jspecify.annotations.NullMarked;
