/** Raw MIME messages: structure found in their bytes, and per-recipient copies that re-encode only HTML bodies. */
@NullMarked
package dev.glint.mime;

import org.jspecify.annotations.NullMarked;
