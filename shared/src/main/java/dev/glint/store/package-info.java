@NullMarked
package dev.glint.store;

import org.jspecify.annotations.NullMarked;
