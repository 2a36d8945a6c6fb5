package org.stoa.vm.spoke.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stoa.vm.spoke.SshKeys;

class CloudInitSeedTest {

    @Test
    void userDataAuthorizesEachKeyAsAQuotedYamlString() {
        assertEquals("#cloud-config\nssh_authorized_keys:\n"
                + "  - \"" + SshKeys.ED25519 + "\"\n"
                + "  - \"" + SshKeys.ECDSA_WITH_ODD_COMMENT + "\"\n",
                CloudInitSeed.userData(List.of(SshKeys.ED25519, SshKeys.ECDSA_WITH_ODD_COMMENT)));
    }

    @Test
    void quotesAndBackslashesInACommentAreEscaped() {
        assertEquals("#cloud-config\nssh_authorized_keys:\n  - \"ssh-ed25519 AAAA say \\\"hi\\\" \\\\o/\"\n",
                CloudInitSeed.userData(List.of("ssh-ed25519 AAAA say \"hi\" \\o/")));
    }

    @Test
    void metaDataNamesTheInstanceAndItsHost() {
        assertEquals("instance-id: capsul-ab12cd34ef\nlocal-hostname: capsul-ab12cd34ef\n",
                CloudInitSeed.metaData("capsul-ab12cd34ef"));
    }

    @Test
    void theSeedIsACidataVolumeHoldingBothFiles() {
        byte[] image = CloudInitSeed.image("capsul-ab12cd34ef", List.of(SshKeys.ED25519), Instant.now());
        IsoReader.Descriptor joliet = new IsoReader(image).descriptor(1);
        assertEquals("cidata", joliet.volumeId());
        Map<String, byte[]> files = joliet.rootFiles();
        assertEquals(CloudInitSeed.metaData("capsul-ab12cd34ef"), new String(files.get("meta-data"), StandardCharsets.UTF_8));
        assertEquals(CloudInitSeed.userData(List.of(SshKeys.ED25519)), new String(files.get("user-data"), StandardCharsets.UTF_8));
    }
}
