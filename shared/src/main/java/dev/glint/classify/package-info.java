/**
 * Verdicts on tracking hits: a person, a mail provider's image proxy, Apple's privacy prefetch or a
 * scanner, with the reasons and the mail client. The rules are data in a versioned resource.
 */
@NullMarked
package dev.glint.classify;

import org.jspecify.annotations.NullMarked;
