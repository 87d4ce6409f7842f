/** A Jakarta Mail transport ({@code mail.transport.protocol=glint}) that sends each recipient a Glint-tracked copy over SMTP. */
@NullMarked
package dev.glint.mail;

import org.jspecify.annotations.NullMarked;
