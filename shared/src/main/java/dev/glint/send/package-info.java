@NullMarked
package dev.glint.send;

import org.jspecify.annotations.NullMarked;
