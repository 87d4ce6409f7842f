/** The {@code /api/v1} REST API Lambda: routing, input validation, problem bodies, JSON views. */
@NullMarked
package dev.glint.api;

import org.jspecify.annotations.NullMarked;
