package dev.glint.rewrite;

/** The tracking URLs of one recipient; called once per slot of each stamped copy. */
public interface TrackingUrls {

    /** The URL of this recipient's open pixel. */
    String pixelUrl();

    /** The click URL that redirects this recipient to {@code destination}, link {@code linkIndex}. */
    String clickUrl(int linkIndex, String destination);

    /** The URL of this recipient's hidden honeypot link, which only machines follow. */
    String honeypotUrl();

    /** The URL of this recipient's read beacon for the step {@code stepSeconds} after render (a pixel route URL). */
    String readUrl(int stepSeconds);

    /** The URL of this recipient's beacon that loads only when the copy is quoted in a reply or forward. */
    String forwardUrl();

    /**
     * The URL of this recipient's tracked link to the email's attachment number {@code index}
     * ({@code attachmentId}); the file is reached only through it, so it is asked for whatever the
     * open and click settings.
     */
    String attachmentUrl(int index, String attachmentId);

    /** These URLs with every link index moved up by {@code offset}: the links of a later HTML body of the same mail. */
    default TrackingUrls withLinksFrom(int offset) {
        if (offset == 0) {
            return this;
        }
        TrackingUrls self = this;
        return new TrackingUrls() {
            @Override
            public String pixelUrl() {
                return self.pixelUrl();
            }

            @Override
            public String clickUrl(int linkIndex, String destination) {
                return self.clickUrl(offset + linkIndex, destination);
            }

            @Override
            public String honeypotUrl() {
                return self.honeypotUrl();
            }

            @Override
            public String readUrl(int stepSeconds) {
                return self.readUrl(stepSeconds);
            }

            @Override
            public String forwardUrl() {
                return self.forwardUrl();
            }

            @Override
            public String attachmentUrl(int index, String attachmentId) {
                return self.attachmentUrl(index, attachmentId); // attachments are numbered per email, not per body
            }
        };
    }
}
