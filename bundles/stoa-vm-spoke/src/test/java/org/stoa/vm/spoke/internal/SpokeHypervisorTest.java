package org.stoa.vm.spoke.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stoa.vm.spoke.SpokeException;
import org.stoa.vm.spoke.SpokeException.Reason;

class SpokeHypervisorTest {

    /** The configuration as ConfigAdmin would hand it over, defaults as the metatype declares them. */
    private record Config(boolean enabled, String libvirt__uri) implements SpokeHypervisor.Config {
        @Override
        public String pool() {
            return TestHost.POOL;
        }

        @Override
        public String network() {
            return "default";
        }

        @Override
        public int reserved__memory__mb() {
            return 1024;
        }

        @Override
        public String host__id() {
            return "local";
        }

        @Override
        public String spoke__url() {
            return "http://127.0.0.1:8181";
        }

        @Override
        public String hub__url() {
            return "http://127.0.0.1:8181";
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return SpokeHypervisor.Config.class;
        }
    }

    @Test
    void theLibvirtSettingsAreTheConfiguredOnes() {
        assertEquals(new LibvirtSettings("qemu:///system", TestHost.POOL, "default", 1024),
                SpokeHypervisor.settings(new Config(true, " qemu:///system ")));
    }

    @Test
    void anEnabledSpokeServesFromItsLibvirt() throws Exception {
        SpokeHypervisor spoke = new SpokeHypervisor(new Config(true, TestHost.URI));
        try {
            assertEquals(List.of(), spoke.list());
        } finally {
            spoke.deactivate();
        }
    }

    @Test
    void aDisabledSpokeSaysSoAndRefusesEveryOperation() {
        SpokeHypervisor spoke = new SpokeHypervisor(new Config(false, TestHost.URI));

        assertEquals("VM spoke disabled on this host (org.stoa.spoke enabled=false)", spoke.describe());
        SpokeException e = assertThrows(SpokeException.class, spoke::list);
        assertEquals(Reason.FAILED, e.reason());
        assertEquals(spoke.describe(), e.getMessage());
    }
}
