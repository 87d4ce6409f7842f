/** Open-source AWS emulators (dynalite, fauxqs, aws-ses-v2-local) as child processes, and SDK clients for them. */
@NullMarked
package dev.glint.local.emulator;

import org.jspecify.annotations.NullMarked;
