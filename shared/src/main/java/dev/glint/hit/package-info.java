@NullMarked
package dev.glint.hit;

import org.jspecify.annotations.NullMarked;
