package org.stoa.benchmarks.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The generator's one thread: a selector loop that opens the clients at the ramp rate, speaks the
 * WebSocket protocol for all of them, runs their ping timers, and keeps the counts. No thread per client
 * and no allocation per idle client beyond its {@link Connection} and socket.
 */
final class LoadRun {
    private static final int READ_BUFFER = 256 * 1024;
    private static final int MAX_MESSAGE = 16 * 1024 * 1024;
    private static final int ACTION_PREFIX = 256;
    private static final long STOP_GRACE_NANOS = 5_000_000_000L;

    private enum TimerKind { CONNECT_TIMEOUT, PING, PING_TIMEOUT, RECONNECT, CHAT_SEND, CHAT_FETCH }

    private record Timer(long due, Connection c, int generation, TimerKind kind, long arg) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            return Long.compare(due, o.due);
        }
    }

    private final Options o;
    private final RunStats stats = new RunStats();
    private final Connection[] clients;
    private final Tokens tokens;
    private final Selector selector;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final Frames.Header header = new Frames.Header();
    private final SplittableRandom random = new SplittableRandom();
    private volatile boolean stopRequested;

    private long startNanos;
    private int nextToStart;
    private boolean rampDone;
    private long rampDoneNanos;
    private boolean stopping;
    private long stopDeadline;
    /** Chat sender: started, fetches sent, and when each request (id FIRST_REQUEST + n) went out. */
    private static final int FIRST_REQUEST = 1000;
    private boolean chatStarted;
    private int fetchesSent;
    private long lastFetchNanos;
    private final long[] requestNanos;

    LoadRun(Options o) throws IOException {
        this.o = o;
        this.tokens = o.secret == null ? null : new Tokens(o.secret, o.issuer, o.audience);
        this.selector = Selector.open();
        InetSocketAddress[] targets = new InetSocketAddress[o.urls.size()];
        for (int i = 0; i < targets.length; i++) {
            URI u = o.urls.get(i);
            targets[i] = new InetSocketAddress(u.getHost(), u.getPort() > 0 ? u.getPort() : 80);
        }
        InetSocketAddress[] sources = new InetSocketAddress[o.sourceIps.size()];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = new InetSocketAddress(o.sourceIps.get(i), 0);
        }
        requestNanos = new long[o.chatSender ? Math.max(o.chatSend, o.chatFetch) : 0];
        clients = new Connection[o.connections];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = new Connection(i, o.urls.get(i % targets.length), targets[i % targets.length],
                    sources.length == 0 ? null : sources[i % sources.length]);
        }
    }

    RunStats stats() {
        return stats;
    }

    /** Asks the loop to close every client and finish (from another thread, e.g. a shutdown hook). */
    void requestStop() {
        stopRequested = true;
        selector.wakeup();
    }

    void run() throws IOException {
        stats.startedEpochMs = System.currentTimeMillis();
        sampleMemory(true);
        startNanos = System.nanoTime();
        long nextHousekeeping = startNanos;
        long nextLog = startNanos + o.logIntervalMs * 1_000_000;
        long lastLog = startNanos;
        while (true) {
            long now = System.nanoTime();
            if (!stopping) {
                startDue(now);
            }
            fireTimers(now);
            if (!rampDone && nextToStart == clients.length && stats.pending == 0) {
                rampDone = true;
                rampDoneNanos = now;
                stats.rampDoneEpochMs = System.currentTimeMillis();
                log(String.format("ramp done: %d authenticated, %d failed, %.0f authentications/s",
                        stats.authenticatedNow, stats.failedTotal,
                        stats.rampSeconds() > 0 ? stats.authenticatedDuringRamp / stats.rampSeconds() : 0.0));
            }
            if (now >= nextHousekeeping) {
                housekeeping(now);
                nextHousekeeping = now + 1_000_000_000L;
            }
            if (now >= nextLog) {
                log(stats.line(o.name, (now - startNanos) / 1_000_000, (now - lastLog) / 1_000_000, clients.length));
                lastLog = now;
                nextLog = now + o.logIntervalMs * 1_000_000;
            }
            if (stopping && (stats.open == 0 || now > stopDeadline)) {
                break;
            }
            selector.select(Math.max(1, waitMillis(now)));
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                handle(key);
            }
        }
        for (Connection c : clients) {
            if (c.isOpen()) {
                closeChannel(c);
            }
        }
        stats.stoppedEpochMs = System.currentTimeMillis();
        writeStatus();
        long end = System.nanoTime();
        log(stats.line(o.name, (end - startNanos) / 1_000_000, Math.max(1, (end - lastLog) / 1_000_000), clients.length));
        selector.close();
    }

    // --- pacing and timers -------------------------------------------------------------------------

    private void startDue(long now) {
        long due = Math.min(clients.length, (long) ((now - startNanos) / 1e9 * o.ramp) + 1);
        while (nextToStart < due && stats.pending < o.maxPending) {
            connect(clients[nextToStart++], now);
        }
    }

    private long waitMillis(long now) {
        long wait = 100;
        if (!stopping && nextToStart < clients.length && stats.pending < o.maxPending) {
            wait = Math.min(wait, Math.max(1, (long) (1000 / o.ramp)));
        }
        Timer next = timers.peek();
        if (next != null) {
            wait = Math.min(wait, (next.due - now) / 1_000_000 + 1);
        }
        return wait;
    }

    private void schedule(Connection c, long due, TimerKind kind, long arg) {
        timers.add(new Timer(due, c, c.generation, kind, arg));
    }

    private void fireTimers(long now) {
        while (!timers.isEmpty() && timers.peek().due <= now) {
            Timer t = timers.poll();
            Connection c = t.c;
            if (t.generation != c.generation) {
                continue;
            }
            switch (t.kind) {
                case CONNECT_TIMEOUT -> {
                    if (c.pending) {
                        fail(c, "timeout:" + c.state.name().toLowerCase());
                    }
                }
                case PING -> ping(c, now);
                case PING_TIMEOUT -> {
                    if (c.state == Connection.State.AUTHENTICATED && c.lastPongValue < t.arg) {
                        stats.pingTimeouts++;
                        c.lastPongValue = t.arg;
                    }
                }
                case CHAT_SEND -> chatSend(c, (int) t.arg, now);
                case CHAT_FETCH -> chatFetch(c, now);
                case RECONNECT -> {
                    if (!stopping && c.state == Connection.State.CLOSED) {
                        stats.reconnects++;
                        connect(c, now);
                    }
                }
            }
        }
    }

    private void housekeeping(long now) {
        writeStatus();
        if (o.chatSender && !chatStarted && clients[0].chatStep == 3 && Files.exists(o.chatStartFile)) {
            chatStarted = true;
            log("chat: starting " + (o.chatSend > 0 ? o.chatSend + " messages" : o.chatFetch + " fetches"));
            if (o.chatSend > 0) {
                for (int i = 0; i < o.chatSend; i++) {
                    schedule(clients[0], now + i * o.chatIntervalMs * 1_000_000, TimerKind.CHAT_SEND, i);
                }
            } else {
                chatFetch(clients[0], now);
            }
        }
        if (stopRequested || (o.stopFile != null && Files.exists(o.stopFile))) {
            beginStop(now, "stop requested");
        } else if (rampDone && !o.holdForever && now - rampDoneNanos >= o.holdMs * 1_000_000) {
            beginStop(now, "hold over");
        }
    }

    private void writeStatus() {
        if (o.status == null) {
            return;
        }
        try {
            Path tmp = o.status.resolveSibling(o.status.getFileName() + ".tmp");
            Files.writeString(tmp, stats.statusLine(clients.length, rampDone));
            Files.move(tmp, o.status, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log("cannot write " + o.status + ": " + e.getMessage());
        }
    }

    private void beginStop(long now, String why) {
        if (stopping) {
            return;
        }
        sampleMemory(false);
        stopping = true;
        stopDeadline = now + STOP_GRACE_NANOS;
        log(why + ": closing " + stats.open + " clients");
        for (Connection c : clients) {
            if (!c.isOpen()) {
                continue;
            }
            if (c.state == Connection.State.AUTHENTICATING || c.state == Connection.State.AUTHENTICATED) {
                closeByClient(c);
            } else if (c.state != Connection.State.CLOSING) {
                leavePending(c);
                closeChannel(c);
            }
        }
    }

    /** Heap after a full GC and the process's RSS: before the first client, and with all of them open. */
    private void sampleMemory(boolean baseline) {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long rss = rssKb();
        if (baseline) {
            stats.heapBaselineBytes = heap;
            stats.rssBaselineKb = rss;
        } else {
            stats.heapLoadedBytes = heap;
            stats.rssLoadedKb = rss;
            stats.connectionsAtMemorySample = stats.open;
        }
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    // --- connection life cycle ---------------------------------------------------------------------

    private void connect(Connection c, long now) {
        c.generation++;
        c.state = Connection.State.CONNECTING;
        c.pending = true;
        c.closeSent = false;
        c.inbound = null;
        c.outbound = null;
        c.fragments = null;
        c.lastPongValue = 0;
        c.chatStep = 0;
        c.pingValue = 0;
        c.previousPingValue = 0;
        c.connectStartNanos = now;
        stats.pending++;
        stats.attempted++;
        if (stats.firstConnectEpochMs == 0) {
            stats.firstConnectEpochMs = System.currentTimeMillis();
        }
        schedule(c, now + o.connectTimeoutMs * 1_000_000, TimerKind.CONNECT_TIMEOUT, 0);
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (c.source != null) {
                try {
                    ch.bind(c.source);
                } catch (IOException e) {
                    ch.close();
                    fail(c, "bind:" + reason(e));
                    return;
                }
            }
            c.channel = ch;
            stats.open++;
            boolean connected = ch.connect(c.target);
            c.key = ch.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
            if (connected) {
                upgrade(c);
            }
        } catch (IOException e) {
            if (c.channel == null && ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing a socket that never connected
                }
            }
            fail(c, "connect:" + reason(e));
        }
    }

    private void upgrade(Connection c) {
        c.state = Connection.State.HANDSHAKE;
        c.handshakeKey = Handshake.newKey(random);
        byte[] request = Handshake.request(c.url, c.handshakeKey);
        send(c, ByteBuffer.wrap(request));
    }

    private void handle(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        if (!key.isValid() || c.key != key) {
            return;
        }
        try {
            if (key.isConnectable()) {
                boolean connected;
                try {
                    connected = ((SocketChannel) key.channel()).finishConnect();
                } catch (IOException e) {
                    fail(c, "connect:" + reason(e));
                    return;
                }
                if (connected) {
                    key.interestOps(SelectionKey.OP_READ);
                    upgrade(c);
                }
                return;
            }
            if (key.isWritable()) {
                flush(c);
            }
            if (key.isValid() && key.isReadable()) {
                read(c);
            }
        } catch (IOException e) {
            lost(c, reason(e));
        }
    }

    private void read(Connection c) throws IOException {
        SocketChannel ch = c.channel;
        for (int rounds = 0; rounds < 4 && c.channel == ch; rounds++) {
            readBuffer.clear();
            int n = ch.read(readBuffer);
            if (n < 0) {
                lost(c, "eof");
                return;
            }
            if (n == 0) {
                return;
            }
            readBuffer.flip();
            ByteBuffer data = readBuffer;
            if (c.inbound != null) {
                c.inbound = append(c.inbound, readBuffer);
                c.inbound.flip();
                data = c.inbound;
            }
            consume(c, data);
            if (c.channel != ch) {
                return;
            }
            if (data.hasRemaining()) {
                if (data == c.inbound) {
                    c.inbound.compact();
                } else {
                    c.inbound = ByteBuffer.allocate(Math.max(1024, data.remaining() * 2));
                    c.inbound.put(data);
                }
            } else {
                c.inbound = null;
            }
            if (n < READ_BUFFER) {
                return;
            }
        }
    }

    private static ByteBuffer append(ByteBuffer stash, ByteBuffer more) {
        if (stash.remaining() < more.remaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(stash.capacity() * 2, stash.position() + more.remaining()));
            stash.flip();
            bigger.put(stash);
            stash = bigger;
        }
        stash.put(more);
        return stash;
    }

    /** Takes whole handshake responses and frames off {@code in}; leaves a partial one there. */
    private void consume(Connection c, ByteBuffer in) throws IOException {
        SocketChannel ch = c.channel;
        if (c.state == Connection.State.HANDSHAKE) {
            int end = Handshake.headerEnd(in);
            if (end < 0) {
                if (in.remaining() > Handshake.MAX_RESPONSE_HEADER) {
                    fail(c, "handshake:header-too-long");
                }
                return;
            }
            byte[] head = new byte[end - in.position()];
            in.get(head);
            String problem = Handshake.check(new String(head, StandardCharsets.ISO_8859_1), c.handshakeKey);
            c.handshakeKey = null;
            if (problem != null) {
                fail(c, problem);
                return;
            }
            long now = System.nanoTime();
            stats.connectLatencyUs.record((now - c.connectStartNanos) / 1000);
            authenticate(c, now);
        }
        while (c.channel == ch && header.read(in)) {
            if (header.length > MAX_MESSAGE) {
                lost(c, "frame-too-large");
                return;
            }
            if (in.remaining() < header.headerLength + header.length) {
                return;
            }
            boolean fin = header.fin;
            int opcode = header.opcode;
            in.position(in.position() + header.headerLength);
            byte[] payload = new byte[(int) header.length];
            in.get(payload);
            if (header.masked) {
                Frames.unmask(payload, header.mask);
            }
            frame(c, fin, opcode, payload);
        }
    }

    private void frame(Connection c, boolean fin, int opcode, byte[] payload) throws IOException {
        switch (opcode) {
            case Frames.TEXT, Frames.BINARY -> {
                if (fin) {
                    message(c, opcode, payload);
                } else {
                    c.fragments = new ByteArrayOutputStream(payload.length * 2);
                    c.fragments.write(payload);
                    c.fragmentsOpcode = opcode;
                }
            }
            case Frames.CONTINUATION -> {
                if (c.fragments == null) {
                    lost(c, "protocol:unexpected-continuation");
                    return;
                }
                c.fragments.write(payload);
                if (c.fragments.size() > MAX_MESSAGE) {
                    lost(c, "frame-too-large");
                } else if (fin) {
                    byte[] whole = c.fragments.toByteArray();
                    c.fragments = null;
                    message(c, c.fragmentsOpcode, whole);
                }
            }
            case Frames.CLOSE -> serverClosed(c, payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005, payload);
            case Frames.PING -> {
                stats.serverPings++;
                sendFrame(c, Frames.PONG, payload);
            }
            case Frames.PONG -> {
                // an answer to nothing we sent; ignored as browsers do
            }
            default -> lost(c, "protocol:opcode-" + opcode);
        }
    }

    private void message(Connection c, int opcode, byte[] payload) {
        if (opcode != Frames.TEXT) {
            RunStats.count(stats.otherEvents, "binary-frame");
            return;
        }
        String start = new String(payload, 0, Math.min(payload.length, ACTION_PREFIX), StandardCharsets.UTF_8);
        String action = Messages.action(start);
        if (action == null) {
            RunStats.count(stats.otherEvents, "not-an-action");
            return;
        }
        long now = System.nanoTime();
        boolean authenticating = c.state == Connection.State.AUTHENTICATING;
        if (authenticating && action.equals(o.echo ? "authenticate" : "authenticated")) {
            authenticated(c, now);
        } else if (action.equals(o.echo ? "ping" : "pong")) {
            pong(c, Messages.value(start), now);
        } else if (action.equals("error")) {
            String code = Messages.errorCode(new String(payload, StandardCharsets.UTF_8));
            if (authenticating) {
                leavePending(c);
                RunStats.count(stats.failed, "auth:" + code);
                stats.failedTotal++;
                closeByClient(c);
            } else {
                RunStats.count(stats.errorsAfterAuth, code);
            }
        } else if (action.equals("success") && o.chatChannel != null) {
            chatReply(c, Messages.value(start), now);
        } else if (action.equals("chat.event") && o.chatChannel != null) {
            chatEvent(new String(payload, StandardCharsets.UTF_8));
        } else if (action.equals("connection.reload")) {
            stats.reload(System.currentTimeMillis());
        } else {
            RunStats.count(stats.otherEvents, action);
        }
    }

    private void authenticate(Connection c, long now) {
        c.state = Connection.State.AUTHENTICATING;
        String uid = o.uidPrefix + "-" + c.number;
        String token = tokens != null ? tokens.mint(uid, System.currentTimeMillis() / 1000) : "echo-" + uid;
        c.authSentNanos = now;
        sendText(c, "[\"authenticate\", {\"token\": " + Json.quote(token) + "}]");
    }

    private void authenticated(Connection c, long now) {
        c.state = Connection.State.AUTHENTICATED;
        leavePending(c);
        long us = (now - c.authSentNanos) / 1000;
        stats.authLatencyUs.record(us);
        stats.intervalAuthUs.record(us);
        stats.intervalAuthenticated++;
        stats.authenticatedTotal++;
        if (!rampDone) {
            stats.authenticatedDuringRamp++;
            stats.lastAuthEpochMs = System.currentTimeMillis();
        }
        stats.authenticatedNow++;
        stats.maxAuthenticatedNow = Math.max(stats.maxAuthenticatedNow, stats.authenticatedNow);
        if (o.closeAfterAuth) {
            closeByClient(c);
            return;
        }
        if (o.chatChannel != null) {
            chatStart(c);
        }
        schedule(c, now + (long) (random.nextDouble() * o.pingIntervalMs * 1_000_000), TimerKind.PING, 0);
    }

    // --- chat ---------------------------------------------------------------------------------------

    /** Subscribes, or (the sender) names the user and joins; the echo server has every client in its one channel. */
    private void chatStart(Connection c) {
        if (o.echo) {
            c.chatStep = 3;
            stats.chatReady++;
        } else if (o.chatSender) {
            c.chatStep = 1;
            sendText(c, "[\"user.update\", 1, {\"profile\": {\"display_name\": " + Json.quote("Bench sender " + c.number) + "}}]");
        } else {
            c.chatStep = 2;
            sendText(c, "[\"chat.subscribe\", 2, {\"channel\": " + Json.quote(o.chatChannel) + "}]");
        }
    }

    private void chatReply(Connection c, long id, long now) {
        if (c.chatStep == 1 && id == 1) {
            c.chatStep = 2;
            sendText(c, "[\"chat.join\", 2, {\"channel\": " + Json.quote(o.chatChannel) + "}]");
        } else if (c.chatStep == 2 && id == 2) {
            c.chatStep = 3;
            stats.chatReady++;
        } else if (id >= FIRST_REQUEST && id < FIRST_REQUEST + requestNanos.length && requestNanos[(int) id - FIRST_REQUEST] > 0) {
            int n = (int) id - FIRST_REQUEST;
            long us = (now - requestNanos[n]) / 1000;
            requestNanos[n] = 0;
            stats.chatReplies++;
            if (o.chatFetch > 0) {
                stats.chatFetchUs.record(us);
                // Not sooner than --chat-interval after the previous one: a server's rate limit
                // (Stoa: 20 messages a second per socket) drops what comes faster, and the loop would wait forever.
                schedule(c, Math.max(now, lastFetchNanos + o.chatIntervalMs * 1_000_000), TimerKind.CHAT_FETCH, 0);
            } else {
                stats.chatReplyUs.record(us);
            }
        } else {
            RunStats.count(stats.otherEvents, "success");
        }
    }

    /** Message SEQ; its body carries its number and send time, which every receiver reads back. */
    private void chatSend(Connection c, int seq, long now) {
        if (c.state != Connection.State.AUTHENTICATED) {
            return;
        }
        requestNanos[seq] = now;
        stats.chatSent++;
        sendText(c, "[\"chat.send\", " + (FIRST_REQUEST + seq) + ", {\"channel\": " + Json.quote(o.chatChannel)
                + ", \"event_type\": \"channel.message\", \"content\": {\"type\": \"text\", \"body\": \"bench#"
                + seq + "#" + System.currentTimeMillis() + "\"}}]");
    }

    /** The next history page, after the previous one's reply: one request in flight. */
    private void chatFetch(Connection c, long now) {
        if (fetchesSent >= o.chatFetch || c.state != Connection.State.AUTHENTICATED) {
            return;
        }
        long before = o.chatFetchBefore > o.chatFetchCount
                ? o.chatFetchCount + 1 + random.nextLong(o.chatFetchBefore - o.chatFetchCount) : (1L << 53) - 1;
        requestNanos[fetchesSent] = now;
        lastFetchNanos = now;
        stats.chatSent++;
        sendText(c, "[\"chat.fetch\", " + (FIRST_REQUEST + fetchesSent++) + ", {\"channel\": " + Json.quote(o.chatChannel)
                + ", \"count\": " + o.chatFetchCount + ", \"before_id\": " + before + "}]");
    }

    private void leaveChat(Connection c) {
        if (c.chatStep == 3) {
            stats.chatReady--;
        }
        c.chatStep = 0;
    }

    private void chatEvent(String text) {
        int i = text.indexOf("bench#");
        if (o.chatSender || i < 0) {
            RunStats.count(stats.otherEvents, o.chatSender ? "chat.event:own" : "chat.event:other");
            return;
        }
        int hash = text.indexOf('#', i + 6);
        int end = hash < 0 ? -1 : text.indexOf('"', hash);
        try {
            stats.chatDelivered(Integer.parseInt(text.substring(i + 6, hash)), Long.parseLong(text.substring(hash + 1, end)),
                    System.currentTimeMillis());
        } catch (RuntimeException e) {
            RunStats.count(stats.otherEvents, "chat.event:unreadable");
        }
    }

    private void ping(Connection c, long now) {
        if (c.state != Connection.State.AUTHENTICATED) {
            return;
        }
        long value = Math.max(System.currentTimeMillis(), c.pingValue + 1);
        c.previousPingValue = c.pingValue;
        c.previousPingNanos = c.pingNanos;
        c.pingValue = value;
        c.pingNanos = now;
        stats.pingsSent++;
        sendText(c, "[\"ping\", " + value + "]");
        schedule(c, now + o.pingIntervalMs * 1_000_000, TimerKind.PING, 0);
        schedule(c, now + o.pingTimeoutMs * 1_000_000, TimerKind.PING_TIMEOUT, value);
    }

    private void pong(Connection c, long value, long now) {
        long sent;
        if (value > 0 && value == c.pingValue) {
            sent = c.pingNanos;
        } else if (value > 0 && value == c.previousPingValue) {
            sent = c.previousPingNanos;
        } else {
            stats.unmatchedPongs++;
            return;
        }
        stats.pongs++;
        long rtt = now - sent;
        stats.pingRttUs.record(rtt / 1000);
        if (rtt > o.pingTimeoutMs * 1_000_000) {
            stats.latePongs++;
            if (c.lastPongValue < value) {
                stats.pingTimeouts++;
            }
        }
        c.lastPongValue = Math.max(c.lastPongValue, value);
    }

    /** The server sent a close frame. */
    private void serverClosed(Connection c, int code, byte[] payload) {
        if (c.closeSent) {
            stats.closedByClient++;
            closeChannel(c);
            return;
        }
        c.closeSent = true;
        sendFrame(c, Frames.CLOSE, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
        ended(c, String.valueOf(code));
    }

    /** The socket ended without a close handshake (EOF, reset, protocol trouble on our side). */
    private void lost(Connection c, String why) {
        if (!c.isOpen()) {
            return;
        }
        if (c.closeSent) {
            stats.closedByClient++;
            closeChannel(c);
            return;
        }
        ended(c, "1006");
        if (!why.equals("eof")) {
            RunStats.count(stats.otherEvents, "io:" + why);
        }
    }

    private void ended(Connection c, String code) {
        boolean wasAuthenticated = c.state == Connection.State.AUTHENTICATED;
        if (c.pending) {
            leavePending(c);
            RunStats.count(stats.failed, "closed-before-auth:" + code);
            stats.failedTotal++;
        } else {
            RunStats.count(stats.closedByServer, code);
        }
        closeChannel(c);
        if (o.reconnect && wasAuthenticated && !stopping) {
            schedule(c, System.nanoTime() + (long) (random.nextDouble() * o.reconnectDelayMs * 1_000_000),
                    TimerKind.RECONNECT, 0);
        }
    }

    private void fail(Connection c, String reason) {
        leavePending(c);
        RunStats.count(stats.failed, reason);
        stats.failedTotal++;
        closeChannel(c);
    }

    private void closeByClient(Connection c) {
        if (c.closeSent || !c.isOpen()) {
            return;
        }
        if (c.state == Connection.State.AUTHENTICATED) {
            stats.authenticatedNow--;
        }
        leaveChat(c);
        c.state = Connection.State.CLOSING;
        c.closeSent = true;
        sendFrame(c, Frames.CLOSE, new byte[] {0x03, (byte) 0xE8});
    }

    private void leavePending(Connection c) {
        if (c.pending) {
            c.pending = false;
            stats.pending--;
        }
    }

    private void closeChannel(Connection c) {
        if (c.state == Connection.State.AUTHENTICATED) {
            stats.authenticatedNow--;
        }
        leaveChat(c);
        c.state = Connection.State.CLOSED;
        c.generation++;
        c.inbound = null;
        c.outbound = null;
        c.fragments = null;
        c.handshakeKey = null;
        if (c.channel != null) {
            stats.open--;
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // the socket is gone either way
            }
            c.channel = null;
            c.key = null;
        }
    }

    // --- writing -----------------------------------------------------------------------------------

    private void sendText(Connection c, String text) {
        sendFrame(c, Frames.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    private void sendFrame(Connection c, int opcode, byte[] payload) {
        ByteBuffer out = Frames.maxFrameSize(payload.length) <= writeBuffer.capacity() ? writeBuffer.clear()
                : ByteBuffer.allocate(Frames.maxFrameSize(payload.length));
        Frames.writeMasked(out, opcode, payload, payload.length, random);
        out.flip();
        send(c, out);
    }

    private void send(Connection c, ByteBuffer data) {
        if (!c.isOpen()) {
            return;
        }
        try {
            if (c.outbound == null) {
                c.channel.write(data);
                if (!data.hasRemaining()) {
                    return;
                }
                c.outbound = ByteBuffer.allocate(Math.max(1024, data.remaining()));
            } else if (c.outbound.remaining() < data.remaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(c.outbound.position() + data.remaining() * 2);
                c.outbound.flip();
                bigger.put(c.outbound);
                c.outbound = bigger;
            }
            c.outbound.put(data);
            if (c.key != null && c.state != Connection.State.CONNECTING) {
                c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        } catch (ClosedChannelException e) {
            lost(c, "closed");
        } catch (IOException e) {
            lost(c, reason(e));
        }
    }

    private void flush(Connection c) throws IOException {
        if (c.outbound == null) {
            c.key.interestOps(SelectionKey.OP_READ);
            return;
        }
        c.outbound.flip();
        c.channel.write(c.outbound);
        if (c.outbound.hasRemaining()) {
            c.outbound.compact();
        } else {
            c.outbound = null;
            c.key.interestOps(SelectionKey.OP_READ);
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.toLowerCase().replace(' ', '-');
    }

    private void log(String line) {
        System.err.println(line);
    }
}
