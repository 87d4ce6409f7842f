package dev.glint.attach;

/**
 * Hands an Office attachment to a converter elsewhere (in AWS the container-image converter
 * function, invoked asynchronously), for when the upload check runs where LibreOffice is not.
 */
public interface PreviewConversions {

    /** Asks for {@link AttachmentService#convertPreview} of the attachment; returns once the request is accepted. */
    void request(String attachmentId);
}
