package org.stoa.connections.internal;

/**
 * A token bucket per socket: {@code perSecond} messages a second on average, bursts up to
 * {@code burst}. Not thread-safe: a socket's messages arrive one at a time.
 */
final class RateLimit {

    private final double perNano;
    private final int burst;
    private double tokens;
    private long last;
    private long lastWarning = Long.MIN_VALUE;

    RateLimit(int perSecond, int burst, long now) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Whether one more message is allowed at {@code now} (System.nanoTime). */
    boolean allow(long now) {
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whether the client should be told it is over the limit: at most once a second, so a flood is not answered by one. */
    boolean warn(long now) {
        if (lastWarning == Long.MIN_VALUE || now - lastWarning >= 1_000_000_000L) {
            lastWarning = now;
            return true;
        }
        return false;
    }
}
