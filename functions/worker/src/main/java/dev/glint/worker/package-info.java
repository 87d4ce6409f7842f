@NullMarked
package dev.glint.worker;

import org.jspecify.annotations.NullMarked;
