package org.stoa.vm.spoke.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads an ISO 9660 image the way a mounting kernel would: from its volume descriptors down. */
final class IsoReader {

    static final int SECTOR = 2048;
    private final ByteBuffer image;

    IsoReader(byte[] image) {
        this.image = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The descriptor at sector 16 + index. */
    Descriptor descriptor(int index) {
        return new Descriptor((16 + index) * SECTOR);
    }

    final class Descriptor {
        final int base;

        Descriptor(int base) {
            this.base = base;
        }

        int type() {
            return image.get(base) & 0xFF;
        }

        String standardId() {
            return text(base + 1, 5, StandardCharsets.US_ASCII);
        }

        boolean joliet() {
            return type() == 2 && image.get(base + 88) == '%' && image.get(base + 89) == '/' && image.get(base + 90) == 'E';
        }

        String volumeId() {
            return text(base + 40, 32, joliet() ? StandardCharsets.UTF_16BE : StandardCharsets.US_ASCII).strip();
        }

        int volumeSpaceSectors() {
            return bothEndian32(base + 80);
        }

        int logicalBlockSize() {
            int little = image.order(ByteOrder.LITTLE_ENDIAN).getShort(base + 128);
            int big = image.order(ByteOrder.BIG_ENDIAN).getShort(base + 130);
            image.order(ByteOrder.LITTLE_ENDIAN);
            if (little != big) {
                throw new AssertionError("block size differs between byte orders");
            }
            return little;
        }

        /** The root directory's files, name (version stripped) → content, skipping "." and "..". */
        Map<String, byte[]> rootFiles() {
            int rootExtent = bothEndian32(base + 156 + 2);
            int rootLength = bothEndian32(base + 156 + 10);
            Map<String, byte[]> files = new LinkedHashMap<>();
            int offset = rootExtent * SECTOR;
            int end = offset + rootLength;
            while (offset < end && (image.get(offset) & 0xFF) > 0) {
                int length = image.get(offset) & 0xFF;
                int nameLength = image.get(offset + 32) & 0xFF;
                boolean directory = (image.get(offset + 25) & 2) != 0;
                if (!directory) {
                    String name = text(offset + 33, nameLength, joliet() ? StandardCharsets.UTF_16BE : StandardCharsets.US_ASCII);
                    int extent = bothEndian32(offset + 2);
                    int size = bothEndian32(offset + 10);
                    files.put(name.replaceFirst(";1$", ""),
                            Arrays.copyOfRange(image.array(), extent * SECTOR, extent * SECTOR + size));
                }
                offset += length;
            }
            return files;
        }
    }

    private int bothEndian32(int offset) {
        int little = image.order(ByteOrder.LITTLE_ENDIAN).getInt(offset);
        int big = image.order(ByteOrder.BIG_ENDIAN).getInt(offset + 4);
        image.order(ByteOrder.LITTLE_ENDIAN);
        if (little != big) {
            throw new AssertionError("both-endian field at " + offset + " differs: " + little + " / " + big);
        }
        return little;
    }

    private String text(int offset, int length, Charset charset) {
        return new String(image.array(), offset, length, charset);
    }
}
