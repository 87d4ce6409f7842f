@NullMarked
package dev.glint.local;

import org.jspecify.annotations.NullMarked;
