/** Load benchmarks of the local stack, driven by wrk from {@code bench/wrk}. */
@NullMarked
package dev.glint.local.bench;

import org.jspecify.annotations.NullMarked;
