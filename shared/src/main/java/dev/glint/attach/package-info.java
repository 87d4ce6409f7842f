/**
 * Tracked attachments: upload checks (size, type sniffed from bytes, SHA-256), per-recipient
 * access (view or download, revocation and expiry checked on every request), viewer beacons,
 * the audit log and the stats folded from it.
 */
@NullMarked
package dev.glint.attach;

import org.jspecify.annotations.NullMarked;
