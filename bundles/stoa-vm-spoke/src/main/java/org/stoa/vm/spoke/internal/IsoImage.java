package org.stoa.vm.spoke.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a small ISO 9660 image holding a few files in its root directory, with Joliet names
 * so the files keep their real names ({@code user-data}, not {@code USER_DAT.}) — what
 * genisoimage -joliet writes for a cloud-init seed, without running a program to get it.
 *
 * <p>Layout, in 2048-byte sectors: 0–15 system area; 16 primary volume descriptor; 17 Joliet
 * supplementary descriptor; 18 terminator; 19–22 path tables (primary L and M, Joliet L and M);
 * 23 primary root directory; 24 Joliet root directory; then each file's data.
 */
final class IsoImage {

    static final int SECTOR = 2048;
    private static final int PRIMARY_DESCRIPTOR = 16;
    private static final int JOLIET_DESCRIPTOR = 17;
    private static final int TERMINATOR = 18;
    private static final int PATH_TABLES = 19;
    private static final int PRIMARY_ROOT = 23;
    private static final int JOLIET_ROOT = 24;
    private static final int FIRST_FILE = 25;
    // A path table with the root directory only: one 8-byte entry, a 1-byte name, 1 byte padding.
    private static final int PATH_TABLE_SIZE = 10;
    private static final DateTimeFormatter VOLUME_DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final Instant created;
    private final List<File> files = new ArrayList<>();
    private final ByteBuffer image;

    private record File(String name, String primaryName, byte[] data, int sector) {
        int sectors() {
            return sectorsFor(data.length);
        }
    }

    private IsoImage(Map<String, byte[]> contents, Instant created) {
        this.created = created;
        int sector = FIRST_FILE;
        Set<String> primaryNames = new HashSet<>();
        for (Map.Entry<String, byte[]> entry : new TreeMap<>(contents).entrySet()) {
            String primaryName = primaryName(entry.getKey());
            if (!primaryNames.add(primaryName)) {
                throw new IllegalArgumentException("two files map to the ISO 9660 name " + primaryName);
            }
            File file = new File(entry.getKey(), primaryName, entry.getValue(), sector);
            files.add(file);
            sector += file.sectors();
        }
        image = ByteBuffer.allocate(sector * SECTOR).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** An image labelled {@code volumeId} holding {@code files} (name → content) in its root directory. */
    static byte[] of(String volumeId, Map<String, byte[]> files, Instant created) {
        return new IsoImage(files, created).write(volumeId);
    }

    private byte[] write(String volumeId) {
        int totalSectors = image.capacity() / SECTOR;
        volumeDescriptor(PRIMARY_DESCRIPTOR, 1, volumeId, totalSectors, false);
        volumeDescriptor(JOLIET_DESCRIPTOR, 2, volumeId, totalSectors, true);
        image.position(TERMINATOR * SECTOR);
        image.put((byte) 255).put(ascii("CD001")).put((byte) 1);
        for (int table = 0; table < 4; table++) {
            pathTable(PATH_TABLES + table, table % 2 == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN,
                    table < 2 ? PRIMARY_ROOT : JOLIET_ROOT);
        }
        directory(PRIMARY_ROOT, false);
        directory(JOLIET_ROOT, true);
        for (File file : files) {
            image.position(file.sector() * SECTOR);
            image.put(file.data());
        }
        return image.array();
    }

    /** Type 1 (primary) or 2 (supplementary, here Joliet: its text in UCS-2 big-endian). */
    private void volumeDescriptor(int sector, int type, String volumeId, int totalSectors, boolean joliet) {
        int base = sector * SECTOR;
        image.position(base);
        image.put((byte) type).put(ascii("CD001")).put((byte) 1).put((byte) 0);
        text(base + 8, 32, "LINUX", joliet);
        text(base + 40, 32, volumeId, joliet);
        bothEndian32(base + 80, totalSectors);
        if (joliet) {
            image.position(base + 88);
            image.put(ascii("%/E")); // escape sequence for UCS-2 level 3
        }
        bothEndian16(base + 120, 1); // volume set size
        bothEndian16(base + 124, 1); // volume sequence number
        bothEndian16(base + 128, SECTOR);
        bothEndian32(base + 132, PATH_TABLE_SIZE);
        int tables = joliet ? PATH_TABLES + 2 : PATH_TABLES;
        image.order(ByteOrder.LITTLE_ENDIAN).putInt(base + 140, tables);
        image.order(ByteOrder.BIG_ENDIAN).putInt(base + 148, tables + 1);
        image.order(ByteOrder.LITTLE_ENDIAN);
        directoryRecord(base + 156, joliet ? JOLIET_ROOT : PRIMARY_ROOT, SECTOR, true, new byte[] {0});
        // Volume set, publisher, preparer, application, copyright, abstract, bibliography.
        text(base + 190, 128, "", joliet);
        text(base + 318, 128, "", joliet);
        text(base + 446, 128, "", joliet);
        text(base + 574, 128, "STOA", joliet);
        text(base + 702, 37, "", joliet);
        text(base + 739, 37, "", joliet);
        text(base + 776, 37, "", joliet);
        volumeDate(base + 813, created);
        volumeDate(base + 830, created);
        volumeDate(base + 847, null);
        volumeDate(base + 864, null);
        image.put(base + 881, (byte) 1); // file structure version
    }

    private void pathTable(int sector, ByteOrder order, int rootSector) {
        int base = sector * SECTOR;
        image.put(base, (byte) 1); // name length: the root's name is one zero byte
        image.order(order).putInt(base + 2, rootSector);
        image.putShort(base + 6, (short) 1); // parent: the root is its own parent
        image.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The root directory: "." and ".." (both the root itself), then the files in name order. */
    private void directory(int sector, boolean joliet) {
        int offset = sector * SECTOR;
        offset += directoryRecord(offset, sector, SECTOR, true, new byte[] {0});
        offset += directoryRecord(offset, sector, SECTOR, true, new byte[] {1});
        for (File file : files) {
            byte[] name = joliet ? (file.name() + ";1").getBytes(StandardCharsets.UTF_16BE) : ascii(file.primaryName());
            offset += directoryRecord(offset, file.sector(), file.data().length, false, name);
        }
        if (offset > (sector + 1) * SECTOR) {
            throw new IllegalArgumentException("too many files for a one-sector directory");
        }
    }

    private int directoryRecord(int offset, int extent, int length, boolean directory, byte[] name) {
        int size = 33 + name.length + (name.length % 2 == 0 ? 1 : 0); // padded to an even length
        image.put(offset, (byte) size);
        bothEndian32(offset + 2, extent);
        bothEndian32(offset + 10, length);
        ZonedDateTime utc = created.atZone(ZoneOffset.UTC);
        image.position(offset + 18);
        image.put((byte) (utc.getYear() - 1900)).put((byte) utc.getMonthValue()).put((byte) utc.getDayOfMonth())
                .put((byte) utc.getHour()).put((byte) utc.getMinute()).put((byte) utc.getSecond()).put((byte) 0);
        image.put(offset + 25, (byte) (directory ? 2 : 0));
        bothEndian16(offset + 28, 1);
        image.put(offset + 32, (byte) name.length);
        image.position(offset + 33);
        image.put(name);
        return size;
    }

    /** 16 digits and a zone byte; a missing date is all zero digits, as the standard says. */
    private void volumeDate(int offset, Instant date) {
        String digits = date == null ? "0000000000000000" : VOLUME_DATE.format(date.atZone(ZoneOffset.UTC)) + "00";
        image.position(offset);
        image.put(ascii(digits)).put((byte) 0);
    }

    /** A space-padded text field, in ASCII or (Joliet) UCS-2 big-endian. */
    private void text(int offset, int length, String value, boolean joliet) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (joliet && i % 2 == 0 ? 0 : ' ');
        }
        byte[] encoded = joliet ? value.getBytes(StandardCharsets.UTF_16BE) : ascii(value);
        System.arraycopy(encoded, 0, bytes, 0, Math.min(encoded.length, length));
        image.position(offset);
        image.put(bytes);
    }

    private void bothEndian16(int offset, int value) {
        image.order(ByteOrder.LITTLE_ENDIAN).putShort(offset, (short) value);
        image.order(ByteOrder.BIG_ENDIAN).putShort(offset + 2, (short) value);
        image.order(ByteOrder.LITTLE_ENDIAN);
    }

    private void bothEndian32(int offset, int value) {
        image.order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        image.order(ByteOrder.BIG_ENDIAN).putInt(offset + 4, value);
        image.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** An ISO 9660 level 1 name: 8.3 upper-case letters, digits and '_', with version ";1". */
    static String primaryName(String name) {
        String upper = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_.]", "_");
        int dot = upper.lastIndexOf('.');
        String base = dot < 0 ? upper : upper.substring(0, dot);
        String extension = dot < 0 ? "" : upper.substring(dot + 1);
        base = base.replace('.', '_');
        return base.substring(0, Math.min(8, base.length())) + "."
                + extension.substring(0, Math.min(3, extension.length())) + ";1";
    }

    private static int sectorsFor(int bytes) {
        return Math.max(1, (bytes + SECTOR - 1) / SECTOR);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
