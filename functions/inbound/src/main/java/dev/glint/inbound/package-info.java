/** The inbound relay function: SES receipt-rule events in, tracked copies and read receipts out. */
@NullMarked
package dev.glint.inbound;

import org.jspecify.annotations.NullMarked;
