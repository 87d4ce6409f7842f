package dev.glint.mime;

import dev.glint.rewrite.TrackingUrls;

/** Recognisable tracking URLs for one recipient {@code n}: a test reads them back out of a copy. */
record FakeUrls(int n) implements TrackingUrls {
    static final String CLICK = "https://t.test/c/";

    @Override
    public String pixelUrl() {
        return "https://t.test/o/PIXEL-" + n + ".gif";
    }

    @Override
    public String clickUrl(int linkIndex, String destination) {
        return CLICK + linkIndex;
    }

    @Override
    public String honeypotUrl() {
        return "https://t.test/h/HONEY-" + n;
    }

    @Override
    public String readUrl(int stepSeconds) {
        return "https://t.test/r/READ-" + n + "-" + stepSeconds + ".gif";
    }

    @Override
    public String forwardUrl() {
        return "https://t.test/f/FWD-" + n + ".gif";
    }

    @Override
    public String attachmentUrl(int index, String attachmentId) {
        return "https://t.test/a/ATT-" + n + "-" + index + "-" + attachmentId;
    }

    /** These URLs with every link index moved up by {@code offset}, as a later HTML body gets them. */
    TrackingUrls offset(int offset) {
        return withLinksFrom(offset);
    }
}
