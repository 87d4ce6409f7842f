package dev.glint.attachments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glint.config.LogLine;
import dev.glint.hit.HitIntake;
import dev.glint.hit.HitQueue;
import dev.glint.hit.HitRequest;
import dev.glint.model.Attachment;
import dev.glint.model.EventType;
import dev.glint.model.RawHit;
import dev.glint.token.TokenClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a tracked attachment link does: checks the link on every request, hands each access and
 * beacon to the hits queue (never waiting on a database write), and answers.
 */
public final class AttachmentLinks {
    private final AccessCheck access;
    private final ObjectUrls urls;
    private final HitQueue queue;
    private final ViewerSessions sessions;
    private final BeaconLimiter limiter;
    private final ViewerPage pages;

    AttachmentLinks(AccessCheck access, ObjectUrls urls, HitQueue queue, ViewerSessions sessions, BeaconLimiter limiter,
            ViewerAssets assets) {
        this.access = access;
        this.urls = urls;
        this.queue = queue;
        this.sessions = sessions;
        this.limiter = limiter;
        this.pages = new ViewerPage(assets, urls.origin());
    }

    /** {@code GET|HEAD /a/{token}}: a download redirect, the viewer page, or why neither. */
    Reply open(HitRequest request) {
        boolean head = request.method().equalsIgnoreCase("HEAD");
        Reply reply = switch (access.check(request.token(), request.receivedAt())) {
            case Access.Unknown unknown -> Replies.notFound();
            case Access.LinkExpired expired -> Replies.gone();
            case Access.Gone gone -> refuse(request, gone);
            case Access.Granted granted -> grant(request, granted.claims(), granted.attachment(), head);
        };
        return head ? reply.withoutBody() : reply;
    }

    private Reply grant(HitRequest request, TokenClaims claims, Attachment attachment, boolean head) {
        boolean download = attachment.mode() == Attachment.Mode.DOWNLOAD;
        // A HEAD is a probe: recorded as one, and never handed a presigned URL.
        EventType type = head ? EventType.PROBE : EventType.ATTACHMENT;
        if (!publish(List.of(HitIntake.rawHit(request, claims, type, request.requestId(),
                Map.of("action", download ? "download" : "view"))))) {
            return Replies.unavailable(); // every access is audited: none is granted unrecorded
        }
        if (download) {
            return head ? Replies.page(200, pages.policy(), "")
                    : Replies.redirect(urls.download(attachment.objectKey(), attachment.filename(), attachment.contentType()));
        }
        if (viewable(attachment)) {
            return pages.viewer(request.token(), attachment, sessions.issue(claims, request.receivedAt()));
        }
        return pages.unviewable(attachment);
    }

    /** {@code GET|HEAD /a/{token}/file?s={session}}: the viewer's document, through a short presigned redirect. */
    Reply file(HitRequest request, String session) {
        boolean head = request.method().equalsIgnoreCase("HEAD");
        Reply reply = switch (access.check(request.token(), request.receivedAt())) {
            case Access.Unknown unknown -> Replies.notFound();
            case Access.LinkExpired expired -> Replies.gone();
            case Access.Gone gone -> refuse(request, gone);
            case Access.Granted(TokenClaims claims, Attachment attachment) -> {
                // Only a page we served (and audited) for this very link may fetch the document.
                if (attachment.mode() != Attachment.Mode.VIEW || !viewable(attachment)
                        || sessions.verify(session, claims, request.receivedAt()).isEmpty()) {
                    yield Replies.notFound();
                }
                String key = attachment.preview().key();
                yield Replies.redirect(key == null
                        ? urls.inline(attachment.objectKey(), attachment.filename(), attachment.contentType())
                        : urls.inline(key, pdfName(attachment.filename()), "application/pdf"));
            }
        };
        return head ? reply.withoutBody() : reply;
    }

    /** {@code POST /a/{token}/beacons}: validated strictly, limited per link, each beacon queued. */
    Reply beacons(HitRequest request, String body) {
        TokenClaims claims;
        Attachment attachment;
        switch (access.check(request.token(), request.receivedAt())) {
            case Access.Unknown unknown -> {
                return Replies.problem(404, "Not Found", "No such link", "");
            }
            case Access.LinkExpired expired -> {
                return Replies.problem(404, "Not Found", "This link has expired", "");
            }
            case Access.Gone gone -> {
                // A viewer still open after a revocation keeps reporting: audited like any refusal,
                // within the link's beacon budget so a flood on a dead link writes no more than a live one.
                if (limiter.take(request.token(), 1) == 0) {
                    auditRefusal(request, gone);
                }
                return Replies.problem(410, "Gone", "This file is no longer available", "");
            }
            case Access.Granted granted -> {
                claims = granted.claims();
                attachment = granted.attachment();
            }
        }
        List<Beacon> beacons;
        try {
            JsonNode json = BeaconBatch.read(body);
            Optional<String> session = sessions.verify(BeaconBatch.session(json), claims, request.receivedAt());
            if (session.isEmpty()) {
                throw new BeaconBatch.Rejected("session", "not a live viewer session of this link");
            }
            String kind = attachment.mode() == Attachment.Mode.VIEW && viewable(attachment)
                    ? attachment.preview().kind() : "none";
            beacons = BeaconBatch.beacons(json, kind, attachment.preview().pages(), session.get());
        } catch (BeaconBatch.Rejected e) {
            return Replies.problem(400, "Bad Request", e.getMessage(), e.field());
        }
        long wait = limiter.take(request.token(), beacons.size());
        if (wait > 0) {
            return Replies.tooManyBeacons(wait);
        }
        List<RawHit> hits = new ArrayList<>(beacons.size());
        for (int i = 0; i < beacons.size(); i++) {
            hits.add(HitIntake.rawHit(request, claims, EventType.ATTACHMENT_BEACON, request.requestId() + "#" + i,
                    beacons.get(i).detail()));
        }
        return publish(hits) ? Replies.noContent()
                : Replies.with(Replies.problem(503, "Service Unavailable", "Beacons could not be recorded", ""),
                        "Retry-After", "5");
    }

    private Reply refuse(HitRequest request, Access.Gone gone) {
        auditRefusal(request, gone);
        return Replies.gone();
    }

    /** Refusals are audited too; the 410 stands whether or not the record could be queued. */
    private void auditRefusal(HitRequest request, Access.Gone gone) {
        publish(List.of(HitIntake.rawHit(request, gone.claims(), EventType.ATTACHMENT, request.requestId(),
                Map.of("action", "refused", "reason", gone.reason()))));
    }

    private static boolean viewable(Attachment attachment) {
        return switch (attachment.preview().kind()) {
            case "pdf", "image", "video" -> true;
            default -> false;
        };
    }

    private static String pdfName(String filename) {
        int dot = filename.lastIndexOf('.');
        return (dot > 0 ? filename.substring(0, dot) : filename) + ".pdf";
    }

    private boolean publish(List<RawHit> hits) {
        try {
            queue.publishAll(hits);
            return true;
        } catch (RuntimeException e) {
            LogLine.count("ERROR", "attachment_hit_publish_failed", "AttachmentHitPublishFailed",
                    Map.of("hitId", hits.get(0).hitId(), "error", e.getClass().getName()));
            return false;
        }
    }
}
