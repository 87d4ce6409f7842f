/**
 * The attachments function: a recipient's tracked link to a shared file ({@code /a/{token}}),
 * checked on every request, answered with a short presigned redirect or the viewer page, and
 * the viewer's beacons, each handed to the hits queue.
 */
@NullMarked
package dev.glint.attachments;

import org.jspecify.annotations.NullMarked;
