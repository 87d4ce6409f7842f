@NullMarked
package dev.glint.stats;

import org.jspecify.annotations.NullMarked;
