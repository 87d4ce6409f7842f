/** A small SMTP receiving server on 127.0.0.1 that hands each accepted message to a {@link dev.glint.local.smtp.MessageSink}. */
@NullMarked
package dev.glint.local.smtp;

import org.jspecify.annotations.NullMarked;
