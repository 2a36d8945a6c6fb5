package org.stoa.vm.hub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.vm.hub.OsImage;
import org.stoa.vm.hub.VmSize;

/** The catalog the migrations seed. */
class CatalogDatabaseTest {

    private HubFixture fixture;

    @BeforeEach
    void database() throws Exception {
        fixture = new HubFixture();
    }

    @Test
    void theSixCapsulSizesAreThereCheapestFirst() throws Exception {
        List<VmSize> sizes = fixture.hub.sizes();

        assertEquals(List.of("f1-xs", "f1-s", "f1-m", "f1-l", "f1-x", "f1-xx"), sizes.stream().map(VmSize::id).toList());
        assertEquals(new VmSize("f1-xs", new BigDecimal("5.33"), 512, 1, 500), sizes.get(0));
        assertEquals(new VmSize("f1-m", new BigDecimal("12.50"), 2048, 1, 2000), sizes.get(2));
        assertEquals(new VmSize("f1-xx", new BigDecimal("35.00"), 8192, 4, 5000), sizes.get(5));
    }

    @Test
    void deprecatedImagesAreNotOfferedForNewVms() throws Exception {
        List<OsImage> images = fixture.hub.images();

        assertTrue(images.stream().anyMatch(i -> i.id().equals("debian12")
                && i.templateImageFileName().equals("debian-12.qcow2")));
        assertFalse(images.stream().anyMatch(i -> i.id().equals("debian10")));
        assertTrue(images.stream().noneMatch(OsImage::deprecated));
    }
}
