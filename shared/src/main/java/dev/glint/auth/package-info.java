@NullMarked
package dev.glint.auth;

import org.jspecify.annotations.NullMarked;
