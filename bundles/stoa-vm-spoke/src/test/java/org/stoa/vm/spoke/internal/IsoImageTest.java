package org.stoa.vm.spoke.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class IsoImageTest {

    private static final Instant CREATED = Instant.parse("2025-01-02T03:04:05Z");
    private static final byte[] USER_DATA = "#cloud-config\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] META_DATA = "instance-id: capsul-ab12cd34ef\n".repeat(100).getBytes(StandardCharsets.UTF_8);

    private final byte[] image = IsoImage.of("cidata", Map.of("user-data", USER_DATA, "meta-data", META_DATA), CREATED);
    private final IsoReader reader = new IsoReader(image);

    @Test
    void primaryVolumeDescriptorAt0x8000IsLabelledCidata() {
        assertEquals(1, image[0x8000]);
        assertEquals("CD001", new String(image, 0x8001, 5, StandardCharsets.US_ASCII));
        assertEquals(1, image[0x8006], "descriptor version");
        assertEquals("cidata", new String(image, 0x8000 + 40, 32, StandardCharsets.US_ASCII).strip());
        assertEquals(2048, reader.descriptor(0).logicalBlockSize());
    }

    @Test
    void volumeSizeIsTheWholeImage() {
        assertEquals(image.length / IsoImage.SECTOR, reader.descriptor(0).volumeSpaceSectors());
        assertEquals(0, image.length % IsoImage.SECTOR);
    }

    @Test
    void jolietDescriptorFollowsWithTheSameLabelThenTheTerminator() {
        IsoReader.Descriptor joliet = reader.descriptor(1);
        assertEquals(2, joliet.type());
        assertEquals("CD001", joliet.standardId());
        assertTrue(joliet.joliet(), "escape sequence %/E");
        assertEquals("cidata", joliet.volumeId());
        assertEquals(255, reader.descriptor(2).type());
        assertEquals("CD001", reader.descriptor(2).standardId());
    }

    @Test
    void filesAreFoundUnderTheirRealNamesThroughJoliet() {
        Map<String, byte[]> files = reader.descriptor(1).rootFiles();
        assertEquals(List.of("meta-data", "user-data"), List.copyOf(files.keySet()));
        assertArrayEquals(META_DATA, files.get("meta-data"));
        assertArrayEquals(USER_DATA, files.get("user-data"));
    }

    @Test
    void filesAreFoundUnderLevelOneNamesThroughThePrimaryDirectory() {
        Map<String, byte[]> files = reader.descriptor(0).rootFiles();
        assertEquals(List.of("META_DAT.", "USER_DAT."), List.copyOf(files.keySet()));
        assertArrayEquals(META_DATA, files.get("META_DAT."));
        assertArrayEquals(USER_DATA, files.get("USER_DAT."));
    }

    @Test
    void levelOneNamesAreEightDotThreeUpperCase() {
        assertEquals("USER_DAT.;1", IsoImage.primaryName("user-data"));
        assertEquals("NETWORK_.YAM;1", IsoImage.primaryName("network-config.yaml"));
    }

    @Test
    void namesThatCollideInLevelOneAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> IsoImage.of("x", Map.of("user-data-1", new byte[1], "user-data-2", new byte[1]), CREATED));
    }
}
