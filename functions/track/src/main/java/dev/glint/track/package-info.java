@NullMarked
package dev.glint.track;

import org.jspecify.annotations.NullMarked;
