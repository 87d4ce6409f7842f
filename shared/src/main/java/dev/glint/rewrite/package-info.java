@NullMarked
package dev.glint.rewrite;

import org.jspecify.annotations.NullMarked;
