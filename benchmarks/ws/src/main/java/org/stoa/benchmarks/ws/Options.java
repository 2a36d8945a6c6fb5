package org.stoa.benchmarks.ws;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** The load generator's command line. */
final class Options {
    static final String USAGE = """
            usage: LoadGenerator [options] URL...
              URL                     ws://HOST:PORT/ws/world/WORLD/ (several: connections spread round robin)
              --connections N         clients to open (default 100)
              --ramp PER_SECOND       connection+authentication starts per second (default 500)
              --max-pending N         at most N clients between connect and authenticated at once (default 2000)
              --mode stoa|echo        stoa: wait for ["authenticated", ...]; echo: the echoed frame counts (default stoa)
              --secret S --issuer I --audience A
                                      mint HS256 tokens (uid unique per client: a first login each);
                                      without --secret (echo mode only) a dummy token is sent
              --uid-prefix P          uids are P-<client number> (default bench-<random>-<name>)
              --name NAME             this process's name in logs and reports (default gen)
              --ping-interval D       ["ping", ms] every D per client, first at a random offset (default 10s)
              --ping-timeout D        a ping without pong within D is a ping timeout (default 15s)
              --connect-timeout D     connect + upgrade + authentication must finish within D (default 30s)
              --hold D|inf            after the ramp, keep the clients D, then close them (default 0; inf: until
                                      the stop file appears or SIGTERM)
              --source-ips A,B,...    bind client sockets to these local addresses, round robin
              --reconnect             after the server closes an authenticated client, reconnect and
                                      re-authenticate after a random delay up to --reconnect-delay (default 5s)
              --close-after-auth      close each client as soon as it is authenticated
              --report FILE           JSON results at the end
              --status FILE           one line of counters, rewritten every second
              --stop-file FILE        close all clients and finish when FILE exists
              --log-interval D        progress line on stderr every D (default 5s)
            chat (stoa mode speaks stoa-chat; echo mode talks to EchoServer's broadcast):
              --chat-channel ID       after authentication subscribe to channel ID (chat.subscribe); every
                                      ["chat.event", ...] whose body reads bench#SEQ#SENT_MS counts as a delivery
              --chat-sender           instead: set a display name (user.update) and chat.join the channel;
                                      when --chat-start-file exists, send --chat-send messages or --chat-fetch pages
              --chat-send N           chat.send N messages, one every --chat-interval D (default 2s); reply latency
              --chat-fetch N          N chat.fetch of --chat-fetch-count (25) events, one after the other (at
                                      most one per --chat-interval), each before a random id up to
                                      --chat-fetch-before MAX (default: the newest)
              --chat-start-file FILE  the sender starts when FILE exists
            durations: 500ms, 10s, 5m or plain seconds
            """;

    final List<URI> urls = new ArrayList<>();
    int connections = 100;
    double ramp = 500;
    int maxPending = 2000;
    boolean echo;
    String secret;
    String issuer = "any";
    String audience = "venueless";
    String uidPrefix;
    String name = "gen";
    long pingIntervalMs = 10_000;
    long pingTimeoutMs = 15_000;
    long connectTimeoutMs = 30_000;
    long holdMs;
    boolean holdForever;
    final List<String> sourceIps = new ArrayList<>();
    boolean reconnect;
    long reconnectDelayMs = 5_000;
    boolean closeAfterAuth;
    Path report;
    Path status;
    Path stopFile;
    long logIntervalMs = 5_000;
    String chatChannel;
    boolean chatSender;
    int chatSend;
    long chatIntervalMs = 2_000;
    int chatFetch;
    int chatFetchCount = 25;
    long chatFetchBefore;
    Path chatStartFile;

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                o.urls.add(url(a));
                continue;
            }
            switch (a) {
                case "--reconnect" -> o.reconnect = true;
                case "--close-after-auth" -> o.closeAfterAuth = true;
                case "--chat-sender" -> o.chatSender = true;
                case "--help", "-h" -> throw new IllegalArgumentException("");
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    o.set(a, args[++i]);
                }
            }
        }
        o.check();
        return o;
    }

    private void set(String flag, String v) {
        switch (flag) {
            case "--connections" -> connections = positive(flag, Integer.parseInt(v));
            case "--ramp" -> ramp = positive(flag, Double.parseDouble(v));
            case "--max-pending" -> maxPending = positive(flag, Integer.parseInt(v));
            case "--mode" -> {
                if (!v.equals("stoa") && !v.equals("echo")) {
                    throw new IllegalArgumentException("--mode is stoa or echo, not " + v);
                }
                echo = v.equals("echo");
            }
            case "--secret" -> secret = v;
            case "--issuer" -> issuer = v;
            case "--audience" -> audience = v;
            case "--uid-prefix" -> uidPrefix = v;
            case "--name" -> name = v;
            case "--ping-interval" -> pingIntervalMs = positive(flag, millis(v));
            case "--ping-timeout" -> pingTimeoutMs = positive(flag, millis(v));
            case "--connect-timeout" -> connectTimeoutMs = positive(flag, millis(v));
            case "--hold" -> {
                holdForever = v.equals("inf");
                holdMs = holdForever ? 0 : millis(v);
            }
            case "--source-ips" -> {
                for (String ip : v.split(",")) {
                    if (!ip.isBlank()) {
                        sourceIps.add(ip.trim());
                    }
                }
            }
            case "--reconnect-delay" -> reconnectDelayMs = millis(v);
            case "--report" -> report = Path.of(v);
            case "--status" -> status = Path.of(v);
            case "--stop-file" -> stopFile = Path.of(v);
            case "--log-interval" -> logIntervalMs = positive(flag, millis(v));
            case "--chat-channel" -> chatChannel = v;
            case "--chat-send" -> chatSend = positive(flag, Integer.parseInt(v));
            case "--chat-interval" -> chatIntervalMs = positive(flag, millis(v));
            case "--chat-fetch" -> chatFetch = positive(flag, Integer.parseInt(v));
            case "--chat-fetch-count" -> chatFetchCount = positive(flag, Integer.parseInt(v));
            case "--chat-fetch-before" -> chatFetchBefore = positive(flag, Long.parseLong(v));
            case "--chat-start-file" -> chatStartFile = Path.of(v);
            default -> throw new IllegalArgumentException("unknown option " + flag);
        }
    }

    private void check() {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no target URL");
        }
        if (!echo && secret == null) {
            throw new IllegalArgumentException("stoa mode needs --secret (and --issuer, --audience) to mint tokens");
        }
        if (chatSender && (chatChannel == null || chatStartFile == null || (chatSend == 0) == (chatFetch == 0))) {
            throw new IllegalArgumentException("--chat-sender needs --chat-channel, --chat-start-file and one of --chat-send, --chat-fetch");
        }
        if (chatSend > RunStats.MAX_CHAT_MESSAGES) {
            throw new IllegalArgumentException("--chat-send is at most " + RunStats.MAX_CHAT_MESSAGES);
        }
        if (uidPrefix == null) {
            uidPrefix = "bench-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + "-" + name;
        }
    }

    private static URI url(String s) {
        URI u = URI.create(s);
        if (!"ws".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("not a ws://HOST:PORT/... URL: " + s);
        }
        return u;
    }

    static long millis(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("ms")) {
            return Long.parseLong(s.substring(0, s.length() - 2));
        }
        if (s.endsWith("s")) {
            return Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000);
        }
        if (s.endsWith("m")) {
            return Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 60_000);
        }
        return Math.round(Double.parseDouble(s) * 1000);
    }

    private static <T extends Number> T positive(String flag, T n) {
        if (n.doubleValue() <= 0) {
            throw new IllegalArgumentException(flag + " must be positive");
        }
        return n;
    }
}
