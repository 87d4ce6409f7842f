/** The Office → PDF converter function: a thin handler over {@code dev.glint.attach.AttachmentService}. */
@NullMarked
package dev.glint.converter;

import org.jspecify.annotations.NullMarked;
