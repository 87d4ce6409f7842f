package dev.glint.attach;

import dev.glint.model.Attachment;
import java.util.List;

/** What {@link AttachmentService#complete} found. */
public sealed interface Completion {

    /**
     * The upload was checked (ready or rejected), or had been before (a repeated call answers the same).
     *
     * @param warnings what the caller should know: the claimed type the bytes contradicted
     */
    record Checked(Attachment attachment, List<String> warnings) implements Completion {
        public Checked {
            warnings = List.copyOf(warnings);
        }
    }

    /** No object was uploaded under the attachment's key (or the multipart upload is unknown). */
    record UploadMissing(String detail) implements Completion {}

    /** No such attachment for this account. */
    record NotFound() implements Completion {}
}
