/** The Glint CDK app: one stack wired from one construct and one props record per concern. */
@NullMarked
package dev.glint.infra;

import org.jspecify.annotations.NullMarked;
