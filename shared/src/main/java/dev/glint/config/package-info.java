@NullMarked
package dev.glint.config;

import org.jspecify.annotations.NullMarked;
