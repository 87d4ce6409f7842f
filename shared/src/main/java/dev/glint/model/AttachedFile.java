package dev.glint.model;

/**
 * An attachment as an email keeps it: what its link card showed when the email was sent, so a
 * view or a replayed copy needs no attachment lookup.
 *
 * @param contentType the sniffed type, which picks the card's label
 */
public record AttachedFile(String id, String filename, long size, String contentType, Attachment.Mode mode) {

    public static AttachedFile of(Attachment attachment) {
        return new AttachedFile(attachment.id(), attachment.filename(), attachment.size(), attachment.contentType(),
                attachment.mode());
    }
}
