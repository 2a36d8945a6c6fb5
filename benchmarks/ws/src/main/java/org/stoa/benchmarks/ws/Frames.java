package org.stoa.benchmarks.ws;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** WebSocket framing (RFC 6455) as a client needs it: masked frames out, unmasked frames in. */
final class Frames {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private Frames() {
    }

    /** Writes one final, masked frame of {@code payload[0..length)} into {@code out}, which must have room. */
    static void writeMasked(ByteBuffer out, int opcode, byte[] payload, int length, SplittableRandom random) {
        out.put((byte) (0x80 | opcode));
        if (length < 126) {
            out.put((byte) (0x80 | length));
        } else if (length <= 0xFFFF) {
            out.put((byte) (0x80 | 126));
            out.putShort((short) length);
        } else {
            out.put((byte) (0x80 | 127));
            out.putLong(length);
        }
        int mask = random.nextInt();
        out.putInt(mask);
        byte[] m = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
        for (int i = 0; i < length; i++) {
            out.put((byte) (payload[i] ^ m[i & 3]));
        }
    }

    static int maxFrameSize(int payloadLength) {
        return payloadLength + 14;
    }

    /** A parsed frame header; {@link #read} fills it, the selector thread reuses one instance. */
    static final class Header {
        boolean fin;
        int opcode;
        long length;
        int mask;
        boolean masked;
        int headerLength;

        /**
         * Reads the header at {@code in}'s position without consuming it; false if not all of it has
         * arrived yet.
         */
        boolean read(ByteBuffer in) {
            int p = in.position();
            int available = in.remaining();
            if (available < 2) {
                return false;
            }
            int b0 = in.get(p) & 0xFF;
            int b1 = in.get(p + 1) & 0xFF;
            fin = (b0 & 0x80) != 0;
            opcode = b0 & 0x0F;
            masked = (b1 & 0x80) != 0;
            int len7 = b1 & 0x7F;
            int need = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (masked ? 4 : 0);
            if (available < need) {
                return false;
            }
            int q = p + 2;
            if (len7 == 126) {
                length = in.getShort(q) & 0xFFFF;
                q += 2;
            } else if (len7 == 127) {
                length = in.getLong(q);
                q += 8;
            } else {
                length = len7;
            }
            mask = masked ? in.getInt(q) : 0;
            headerLength = need;
            return true;
        }
    }

    /** Unmasks in place (servers do not mask, but a frame that is masked is still readable). */
    static void unmask(byte[] data, int mask) {
        byte[] m = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
        for (int i = 0; i < data.length; i++) {
            data[i] ^= m[i & 3];
        }
    }
}
