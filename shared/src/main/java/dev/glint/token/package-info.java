@NullMarked
package dev.glint.token;

import org.jspecify.annotations.NullMarked;
