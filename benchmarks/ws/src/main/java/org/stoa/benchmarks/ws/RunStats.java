package org.stoa.benchmarks.ws;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one generator process counts and measures; written as its periodic line and its JSON report. */
final class RunStats {
    private static final int MAX_KINDS = 50;
    static final int MAX_CHAT_MESSAGES = 1000;

    long attempted;
    long reconnects;
    long open;
    long authenticatedNow;
    long maxAuthenticatedNow;
    long authenticatedTotal;
    long authenticatedDuringRamp;
    long pending;
    long failedTotal;
    final Map<String, Long> failed = new TreeMap<>();
    final Map<String, Long> closedByServer = new TreeMap<>();
    final Map<String, Long> errorsAfterAuth = new TreeMap<>();
    final Map<String, Long> otherEvents = new TreeMap<>();
    long closedByClient;
    long pingsSent;
    long pongs;
    long pingTimeouts;
    long latePongs;
    long unmatchedPongs;
    long serverPings;

    long firstConnectEpochMs;
    long lastAuthEpochMs;
    long rampDoneEpochMs;
    long startedEpochMs;
    long stoppedEpochMs;

    long reloads;
    long firstReloadEpochMs;
    long lastReloadEpochMs;

    final Histogram authLatencyUs = new Histogram();
    final Histogram connectLatencyUs = new Histogram();
    final Histogram pingRttUs = new Histogram();
    final Histogram intervalAuthUs = new Histogram();
    long intervalAuthenticated;

    /** Clients subscribed to (or, for the sender, joined to) the chat channel. */
    long chatReady;
    long chatSent;
    long chatReplies;
    long chatDeliveries;
    /** Per message number: its send time (from its body), deliveries, the first and the last arrival. */
    final long[] chatSentMs = new long[MAX_CHAT_MESSAGES];
    final long[] chatCount = new long[MAX_CHAT_MESSAGES];
    final long[] chatFirstMs = new long[MAX_CHAT_MESSAGES];
    final long[] chatLastMs = new long[MAX_CHAT_MESSAGES];
    final Histogram chatReplyUs = new Histogram();
    final Histogram chatFetchUs = new Histogram();

    void chatDelivered(int seq, long sentMs, long nowMs) {
        if (seq < 0 || seq >= MAX_CHAT_MESSAGES) {
            return;
        }
        chatDeliveries++;
        if (chatCount[seq]++ == 0) {
            chatFirstMs[seq] = nowMs;
            chatSentMs[seq] = sentMs;
        }
        chatLastMs[seq] = Math.max(chatLastMs[seq], nowMs);
    }

    long heapBaselineBytes = -1;
    long rssBaselineKb = -1;
    long heapLoadedBytes = -1;
    long rssLoadedKb = -1;
    long connectionsAtMemorySample;

    static void count(Map<String, Long> map, String key) {
        String k = map.containsKey(key) || map.size() < MAX_KINDS ? key : "other";
        map.merge(k, 1L, Long::sum);
    }

    void reload(long epochMs) {
        if (reloads == 0) {
            firstReloadEpochMs = epochMs;
        }
        lastReloadEpochMs = Math.max(lastReloadEpochMs, epochMs);
        reloads++;
    }

    /** One progress line; resets the interval counters. */
    String line(String name, long elapsedMs, long intervalMs, int target) {
        String s = String.format("[%s %4ds] attempted %d/%d open %d authenticated %d pending %d | failed %d%s"
                        + " | closed by server %s | pings %d pongs %d timeouts %d | %.0f auth/s%s"
                        + "%s%s",
                name, elapsedMs / 1000, attempted, target, open, authenticatedNow, pending, failedTotal,
                failed.isEmpty() ? "" : " " + failed, closedByServer.isEmpty() ? "0" : closedByServer.toString(),
                pingsSent, pongs, pingTimeouts, intervalAuthenticated * 1000.0 / Math.max(1, intervalMs),
                intervalAuthenticated == 0 ? "" : ", latency p50 " + ms(intervalAuthUs.quantile(0.5))
                        + " p99 " + ms(intervalAuthUs.quantile(0.99)),
                reloads == 0 ? "" : " | reloads " + reloads,
                errorsAfterAuth.isEmpty() ? "" : " | errors " + errorsAfterAuth);
        intervalAuthUs.clear();
        intervalAuthenticated = 0;
        return s;
    }

    /** The counters the benchmark script polls: key=value pairs on one line. */
    String statusLine(int target, boolean rampDone) {
        return "target=" + target + " attempted=" + attempted + " open=" + open + " authenticated=" + authenticatedNow
                + " authenticated_total=" + authenticatedTotal + " pending=" + pending + " failed=" + failedTotal
                + " ping_timeouts=" + pingTimeouts + " pongs=" + pongs + " reloads=" + reloads
                + " last_reload_ms=" + lastReloadEpochMs + " ramp_done=" + (rampDone ? 1 : 0)
                + " chat_ready=" + chatReady + " chat_sent=" + chatSent + " chat_replies=" + chatReplies
                + " chat_deliveries=" + chatDeliveries + "\n";
    }

    double rampSeconds() {
        return lastAuthEpochMs > firstConnectEpochMs && firstConnectEpochMs > 0
                ? (lastAuthEpochMs - firstConnectEpochMs) / 1000.0 : 0;
    }

    String json(Options o) {
        StringBuilder b = new StringBuilder(4096).append("{\n");
        field(b, "name", Json.quote(o.name));
        field(b, "mode", Json.quote(o.echo ? "echo" : "stoa"));
        StringBuilder urls = new StringBuilder("[");
        for (int i = 0; i < o.urls.size(); i++) {
            urls.append(i == 0 ? "" : ", ").append(Json.quote(o.urls.get(i).toString()));
        }
        field(b, "urls", urls.append(']').toString());
        field(b, "target", o.connections);
        field(b, "ramp_per_s", o.ramp);
        field(b, "ping_interval_ms", o.pingIntervalMs);
        field(b, "ping_timeout_ms", o.pingTimeoutMs);
        field(b, "started_epoch_ms", startedEpochMs);
        field(b, "first_connect_epoch_ms", firstConnectEpochMs);
        field(b, "last_auth_epoch_ms", lastAuthEpochMs);
        field(b, "ramp_done_epoch_ms", rampDoneEpochMs);
        field(b, "stopped_epoch_ms", stoppedEpochMs);
        field(b, "attempted", attempted);
        field(b, "reconnects", reconnects);
        field(b, "authenticated_total", authenticatedTotal);
        field(b, "authenticated_during_ramp", authenticatedDuringRamp);
        field(b, "authenticated_at_stop", authenticatedNow);
        field(b, "max_authenticated", maxAuthenticatedNow);
        field(b, "ramp_seconds", rampSeconds());
        field(b, "auth_rate_per_s", rampSeconds() > 0 ? authenticatedDuringRamp / rampSeconds() : 0);
        field(b, "failed_total", failedTotal);
        field(b, "failed", map(failed));
        field(b, "closed_by_server", map(closedByServer));
        field(b, "closed_by_client", closedByClient);
        field(b, "errors_after_auth", map(errorsAfterAuth));
        field(b, "other_events", map(otherEvents));
        field(b, "pings_sent", pingsSent);
        field(b, "pongs", pongs);
        field(b, "ping_timeouts", pingTimeouts);
        field(b, "late_pongs", latePongs);
        field(b, "unmatched_pongs", unmatchedPongs);
        field(b, "server_pings", serverPings);
        field(b, "reloads", reloads);
        field(b, "first_reload_epoch_ms", firstReloadEpochMs);
        field(b, "last_reload_epoch_ms", lastReloadEpochMs);
        field(b, "heap_baseline_bytes", heapBaselineBytes);
        field(b, "rss_baseline_kb", rssBaselineKb);
        field(b, "heap_loaded_bytes", heapLoadedBytes);
        field(b, "rss_loaded_kb", rssLoadedKb);
        field(b, "connections_at_memory_sample", connectionsAtMemorySample);
        field(b, "chat_ready", chatReady);
        field(b, "chat_sent", chatSent);
        field(b, "chat_replies", chatReplies);
        field(b, "chat_deliveries", chatDeliveries);
        StringBuilder d = new StringBuilder("[");
        for (int i = 0; i < MAX_CHAT_MESSAGES; i++) {
            if (chatCount[i] > 0) {
                d.append(d.length() > 1 ? "," : "").append('[').append(i).append(',').append(chatSentMs[i]).append(',')
                        .append(chatCount[i]).append(',').append(chatFirstMs[i]).append(',').append(chatLastMs[i]).append(']');
            }
        }
        field(b, "chat_messages", d.append(']').toString());
        field(b, "chat_reply_us", histogram(chatReplyUs));
        field(b, "chat_fetch_us", histogram(chatFetchUs));
        field(b, "auth_latency_us", histogram(authLatencyUs));
        field(b, "connect_latency_us", histogram(connectLatencyUs));
        b.append("  \"ping_rtt_us\": ").append(histogram(pingRttUs)).append("\n}\n");
        return b.toString();
    }

    private static void field(StringBuilder b, String key, Object value) {
        b.append("  ").append(Json.quote(key)).append(": ").append(value).append(",\n");
    }

    private static String map(Map<String, Long> m) {
        StringBuilder b = new StringBuilder("{");
        m.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(Json.quote(k)).append(": ").append(v));
        return b.append('}').toString();
    }

    static String histogram(Histogram h) {
        StringBuilder b = new StringBuilder("{\"count\": ").append(h.count())
                .append(", \"p50\": ").append(h.quantile(0.5))
                .append(", \"p99\": ").append(h.quantile(0.99))
                .append(", \"max\": ").append(h.max())
                .append(", \"buckets\": [");
        List<long[]> buckets = h.buckets();
        for (int i = 0; i < buckets.size(); i++) {
            b.append(i == 0 ? "" : ",").append('[').append(buckets.get(i)[0]).append(',').append(buckets.get(i)[1]).append(']');
        }
        return b.append("]}").toString();
    }

    static String ms(long micros) {
        return String.format("%.1f ms", micros / 1000.0);
    }
}
