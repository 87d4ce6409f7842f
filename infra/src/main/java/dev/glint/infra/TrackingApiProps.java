package dev.glint.infra;

/**
 * @param rateLimit  steady requests per second the default stage accepts
 * @param burstLimit requests it accepts in a burst (a campaign's opens arrive together)
 */
public record TrackingApiProps(int rateLimit, int burstLimit) {
    public TrackingApiProps {
        if (rateLimit <= 0 || burstLimit <= 0) {
            throw new IllegalArgumentException("throttling limits must be positive: " + rateLimit + "/" + burstLimit);
        }
    }
}
