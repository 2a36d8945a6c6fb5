package org.stoa.benchmarks.ws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Small helpers for benchmarks/websocket.sh, so the script needs neither jq nor python:
 *
 *   Summary merge REPORT.json...   the reports of several generator processes as one, key=value a line
 *   Summary jwt-secret FILE        issuer, audience and secret (tab separated) of the first entry of
 *                                  JWT_secrets found anywhere in a JSON file (world:export-config's output)
 */
public final class Summary {
    private Summary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("merge")) {
            List<Map<String, Object>> reports = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                reports.add(object(Json.parse(Files.readString(Path.of(args[i])))));
            }
            merge(reports).forEach((k, v) -> System.out.println(k + "=" + v));
        } else if (args.length == 2 && args[0].equals("jwt-secret")) {
            Object secrets = find(Json.parse(Files.readString(Path.of(args[1]))), "JWT_secrets");
            if (!(secrets instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof Map<?, ?> first)) {
                System.err.println("Summary: no JWT_secrets entry in " + args[1]);
                System.exit(1);
                return;
            }
            System.out.println(first.get("issuer") + "\t" + first.get("audience") + "\t" + first.get("secret"));
        } else {
            System.err.println("usage: Summary merge REPORT.json... | Summary jwt-secret FILE");
            System.exit(2);
        }
    }

    static Map<String, String> merge(List<Map<String, Object>> reports) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("processes", String.valueOf(reports.size()));
        for (String k : List.of("target", "attempted", "reconnects", "authenticated_total", "authenticated_during_ramp",
                "authenticated_at_stop", "max_authenticated", "failed_total", "closed_by_client", "pings_sent", "pongs",
                "ping_timeouts", "late_pongs", "unmatched_pongs", "server_pings", "reloads", "chat_ready", "chat_sent",
                "chat_replies", "chat_deliveries")) {
            out.put(k, String.valueOf(sum(reports, k)));
        }
        for (String k : List.of("failed", "closed_by_server", "errors_after_auth", "other_events")) {
            Map<String, Long> merged = new TreeMap<>();
            for (Map<String, Object> r : reports) {
                object(r.get(k)).forEach((name, n) -> merged.merge(name, number(n), Long::sum));
            }
            StringBuilder b = new StringBuilder();
            merged.forEach((name, n) -> b.append(b.length() == 0 ? "" : ", ").append(name).append(" (").append(n).append(')'));
            out.put(k, b.length() == 0 ? "none" : b.toString());
        }
        long firstConnect = min(reports, "first_connect_epoch_ms");
        long lastAuth = max(reports, "last_auth_epoch_ms");
        out.put("first_connect_epoch_ms", String.valueOf(firstConnect));
        out.put("last_auth_epoch_ms", String.valueOf(lastAuth));
        double rampSeconds = lastAuth > firstConnect ? (lastAuth - firstConnect) / 1000.0 : 0;
        out.put("ramp_seconds", String.format("%.1f", rampSeconds));
        out.put("auth_rate_per_s", String.format("%.0f", rampSeconds > 0 ? sum(reports, "authenticated_during_ramp") / rampSeconds : 0.0));
        out.put("first_reload_epoch_ms", String.valueOf(min(reports, "first_reload_epoch_ms")));
        out.put("last_reload_epoch_ms", String.valueOf(max(reports, "last_reload_epoch_ms")));
        chat(reports, out);
        for (String h : List.of("ping_rtt_us", "auth_latency_us", "connect_latency_us", "chat_reply_us", "chat_fetch_us")) {
            Histogram merged = new Histogram();
            for (Map<String, Object> r : reports) {
                merged.add(histogram(object(r.get(h))));
            }
            String name = h.replace("_us", "");
            out.put(name + "_count", String.valueOf(merged.count()));
            out.put(name + "_p50_ms", ms(merged.quantile(0.5)));
            out.put(name + "_p99_ms", ms(merged.quantile(0.99)));
            out.put(name + "_max_ms", ms(merged.max()));
        }
        long heapDelta = 0;
        long rssDelta = 0;
        long conns = 0;
        long rssMax = 0;
        for (Map<String, Object> r : reports) {
            heapDelta += number(r.get("heap_loaded_bytes")) - number(r.get("heap_baseline_bytes"));
            rssDelta += number(r.get("rss_loaded_kb")) - number(r.get("rss_baseline_kb"));
            conns += number(r.get("connections_at_memory_sample"));
            rssMax = Math.max(rssMax, number(r.get("rss_loaded_kb")));
        }
        out.put("generator_connections_at_memory_sample", String.valueOf(conns));
        out.put("generator_heap_per_connection_bytes", String.valueOf(conns > 0 ? heapDelta / conns : 0));
        out.put("generator_rss_per_connection_bytes", String.valueOf(conns > 0 ? rssDelta * 1024 / conns : 0));
        out.put("generator_rss_max_kb", String.valueOf(rssMax));
        return out;
    }

    /**
     * Per chat message over all processes: deliveries, and the time from its sending to its first and its
     * last delivery; then over the messages: the fewest deliveries and those times' quantiles.
     */
    private static void chat(List<Map<String, Object>> reports, Map<String, String> out) {
        Map<Long, long[]> messages = new TreeMap<>(); // seq -> sent, count, first, last
        for (Map<String, Object> r : reports) {
            if (!(r.get("chat_messages") instanceof List<?> list)) {
                continue;
            }
            for (Object o : list) {
                List<?> m = (List<?>) o;
                long[] v = messages.computeIfAbsent(number(m.get(0)), k -> new long[] {0, 0, Long.MAX_VALUE, 0});
                v[0] = number(m.get(1));
                v[1] += number(m.get(2));
                v[2] = Math.min(v[2], number(m.get(3)));
                v[3] = Math.max(v[3], number(m.get(4)));
            }
        }
        Histogram first = new Histogram();
        Histogram last = new Histogram();
        long fewest = messages.isEmpty() ? 0 : Long.MAX_VALUE;
        StringBuilder each = new StringBuilder();
        for (Map.Entry<Long, long[]> e : messages.entrySet()) {
            long[] v = e.getValue();
            first.record((v[2] - v[0]) * 1000);
            last.record((v[3] - v[0]) * 1000);
            fewest = Math.min(fewest, v[1]);
            each.append(each.length() == 0 ? "" : " ").append(e.getKey()).append(':').append(v[1]).append('/')
                    .append(v[3] - v[0]).append("ms");
        }
        out.put("chat_messages_seen", String.valueOf(messages.size()));
        out.put("chat_fewest_deliveries", String.valueOf(fewest));
        out.put("chat_first_delivery_p50_ms", ms(first.quantile(0.5)));
        out.put("chat_last_delivery_p50_ms", ms(last.quantile(0.5)));
        out.put("chat_last_delivery_p99_ms", ms(last.quantile(0.99)));
        out.put("chat_last_delivery_max_ms", ms(last.max()));
        out.put("chat_each", each.length() == 0 ? "none" : each.toString());
    }

    private static Histogram histogram(Map<String, Object> h) {
        List<long[]> buckets = new ArrayList<>();
        Object raw = h.get("buckets");
        if (raw instanceof List<?> list) {
            for (Object b : list) {
                List<?> pair = (List<?>) b;
                buckets.add(new long[] {number(pair.get(0)), number(pair.get(1))});
            }
        }
        return Histogram.of(buckets, number(h.get("max")));
    }

    private static Object find(Object node, String key) {
        if (node instanceof Map<?, ?> map) {
            if (map.containsKey(key)) {
                return map.get(key);
            }
            for (Object v : map.values()) {
                Object hit = find(v, key);
                if (hit != null) {
                    return hit;
                }
            }
        } else if (node instanceof List<?> list) {
            for (Object v : list) {
                Object hit = find(v, key);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object o) {
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : Map.of();
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private static long sum(List<Map<String, Object>> reports, String key) {
        long s = 0;
        for (Map<String, Object> r : reports) {
            s += number(r.get(key));
        }
        return s;
    }

    private static long min(List<Map<String, Object>> reports, String key) {
        long m = 0;
        for (Map<String, Object> r : reports) {
            long v = number(r.get(key));
            if (v > 0 && (m == 0 || v < m)) {
                m = v;
            }
        }
        return m;
    }

    private static long max(List<Map<String, Object>> reports, String key) {
        long m = 0;
        for (Map<String, Object> r : reports) {
            m = Math.max(m, number(r.get(key)));
        }
        return m;
    }

    private static String ms(long micros) {
        return String.format("%.1f", micros / 1000.0);
    }
}
