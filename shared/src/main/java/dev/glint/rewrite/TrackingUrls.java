package dev.glint.rewrite;

/** The tracking URLs of one recipient; called once per slot of each stamped copy. */
public interface TrackingUrls {

    /** The URL of this recipient's open pixel. */
    String pixelUrl();

    /** The click URL that redirects this recipient to {@code destination}, link {@code linkIndex}. */
    String clickUrl(int linkIndex, String destination);

    /** The URL of this recipient's hidden honeypot link, which only machines follow. */
    String honeypotUrl();
}
