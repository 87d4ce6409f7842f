@NullMarked
package dev.glint.model;

import org.jspecify.annotations.NullMarked;
