@NullMarked
package dev.glint.net;

import org.jspecify.annotations.NullMarked;
