package org.stoa.benchmarks.ws;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One simulated browser client. Only the selector thread touches it. Kept small: at 19,000 clients per
 * process every field counts, so buffers exist only while something is half read or half written.
 */
final class Connection {
    enum State { IDLE, CONNECTING, HANDSHAKE, AUTHENTICATING, AUTHENTICATED, CLOSING, CLOSED }

    final int number;
    final URI url;
    final InetSocketAddress target;
    final InetSocketAddress source;

    State state = State.IDLE;
    /** Bumped whenever the client (re)connects or closes, so timers of an earlier life do nothing. */
    int generation;
    SocketChannel channel;
    SelectionKey key;
    /** True from the start of a (re)connect until it is authenticated or given up. */
    boolean pending;
    boolean closeSent;
    String handshakeKey;

    /** Bytes received but not yet a whole handshake response or frame. */
    ByteBuffer inbound;
    /** Bytes the socket did not take yet. */
    ByteBuffer outbound;
    /** A fragmented message being put together, and its opcode. */
    ByteArrayOutputStream fragments;
    int fragmentsOpcode;

    long connectStartNanos;
    long authSentNanos;
    long pingValue;
    long pingNanos;
    long previousPingValue;
    long previousPingNanos;
    long lastPongValue;
    /** Chat: 0 none yet, 1 waiting for user.update's reply, 2 for chat.subscribe's or chat.join's, 3 in the channel. */
    byte chatStep;

    Connection(int number, URI url, InetSocketAddress target, InetSocketAddress source) {
        this.number = number;
        this.url = url;
        this.target = target;
        this.source = source;
    }

    boolean isOpen() {
        return channel != null;
    }
}
