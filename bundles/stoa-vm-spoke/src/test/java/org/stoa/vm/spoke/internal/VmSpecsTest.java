package org.stoa.vm.spoke.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.stoa.vm.spoke.SpokeException;
import org.stoa.vm.spoke.SshKeys;
import org.stoa.vm.spoke.VmSpec;

class VmSpecsTest {

    private static final Set<String> OS_IMAGES = Set.of("debian-12.qcow2", "alpine-3.20.qcow2");

    private static VmSpec spec(String id, int vcpus, int memoryMb, String template, String... keys) {
        return new VmSpec(id, vcpus, memoryMb, template, Arrays.asList(keys));
    }

    private static String refusal(Executable check) {
        SpokeException e = assertThrows(SpokeException.class, check);
        assertEquals(SpokeException.Reason.INVALID, e.reason());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void aCompleteSpecWithAnOfferedTemplateIsAccepted() {
        assertDoesNotThrow(() -> VmSpecs.requireValid(spec("capsul-ab12cd34ef", 1, 512, "debian-12.qcow2",
                SshKeys.ED25519, SshKeys.ECDSA_WITH_ODD_COMMENT, SshKeys.RSA_WITHOUT_COMMENT), OS_IMAGES));
        assertDoesNotThrow(() -> VmSpecs.requireValid(spec("capsul-0000000000", 8, 16384, "alpine-3.20.qcow2",
                SshKeys.ED25519), OS_IMAGES));
    }

    @Test
    void idMustBeCapsulAndTenLowerCaseLettersOrDigits() {
        assertEquals("invalid VM id \"capsul-ABCDEFGHIJ\": must be capsul- followed by 10 lower-case letters or digits",
                refusal(() -> VmSpecs.requireId("capsul-ABCDEFGHIJ")));
        for (String bad : List.of("capsul-abc", "capsul-abcdefghijk", "vm-abcdefghij", "capsul-abcdefghi_",
                "capsul-abcdefghij\n", "../capsul-abcdefghij", "")) {
            refusal(() -> VmSpecs.requireId(bad));
        }
        assertEquals("invalid VM id (none): must be capsul- followed by 10 lower-case letters or digits",
                refusal(() -> VmSpecs.requireId(null)));
    }

    @Test
    void quotedInputIsCutAndKeptOnOneLine() {
        assertEquals("invalid VM id \"capsul-a?b\": must be capsul- followed by 10 lower-case letters or digits",
                refusal(() -> VmSpecs.requireId("capsul-a\nb")));
        String message = refusal(() -> VmSpecs.requireId("x".repeat(1000)));
        assertTrue(message.startsWith("invalid VM id \"" + "x".repeat(40) + "...\":"), message);
    }

    @Test
    void vcpusMustBeOneToEight() {
        assertEquals("invalid vcpus 0: must be 1 to 8", refusal(() -> VmSpecs.requireVcpus(0)));
        assertEquals("invalid vcpus 9: must be 1 to 8", refusal(() -> VmSpecs.requireVcpus(9)));
    }

    @Test
    void memoryMustBe512To16384MiB() {
        assertEquals("invalid memory 511 MiB: must be 512 to 16384 MiB", refusal(() -> VmSpecs.requireMemory(511)));
        assertEquals("invalid memory 16385 MiB: must be 512 to 16384 MiB", refusal(() -> VmSpecs.requireMemory(16385)));
    }

    @Test
    void templateMustBeOneOfTheHubsOsImages() {
        assertEquals("unknown template \"ubuntu.qcow2\": not one of the hub's OS images",
                refusal(() -> VmSpecs.requireTemplate("ubuntu.qcow2", OS_IMAGES)));
    }

    @Test
    void templateNameCannotLeaveThePool() {
        for (String bad : List.of("../etc/passwd", "/tank/img/debian.qcow2", ".hidden", "a b", "deb<ian>", "")) {
            assertTrue(refusal(() -> VmSpecs.requireTemplateName(bad)).startsWith("invalid template name "), bad);
        }
    }

    @Test
    void anotherVmsDiskIsNoTemplate() {
        assertEquals("invalid template name \"capsul-ab12cd34ef.qcow2\": that is a VM's volume, not an OS template",
                refusal(() -> VmSpecs.requireTemplateName("capsul-ab12cd34ef.qcow2")));
    }

    @Test
    void aVmNeedsAtLeastOneSshKey() {
        assertEquals("no SSH key: a VM needs at least one to be reachable",
                refusal(() -> VmSpecs.requireSshKeys(List.of())));
    }

    @Test
    void sshKeyTypeMustBeOneOpenSshAccepts() {
        String dsa = "ssh-dss AAAAB3NzaC1kc3MAAACBAP comment";
        assertEquals("invalid SSH key 2: type \"ssh-dss\" is not one of ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, "
                + "ecdsa-sha2-nistp384, ecdsa-sha2-nistp521, sk-ssh-ed25519@openssh.com, sk-ecdsa-sha2-nistp256@openssh.com",
                refusal(() -> VmSpecs.requireSshKeys(List.of(SshKeys.ED25519, dsa))));
    }

    @Test
    void sshKeyBodyMustBeBase64OfAKeyOfTheStatedType() {
        assertEquals("invalid SSH key 1: must be \"<type> <base64 key> [comment]\"",
                refusal(() -> VmSpecs.requireSshKey(1, "ssh-ed25519 not*base64 x")));
        String rsaBodyAsEd25519 = "ssh-ed25519 " + SshKeys.RSA_WITHOUT_COMMENT.substring("ssh-rsa ".length());
        assertEquals("invalid SSH key 1: the base64 part is not a ssh-ed25519 key",
                refusal(() -> VmSpecs.requireSshKey(1, rsaBodyAsEd25519)));
        assertEquals("invalid SSH key 1: the base64 part is not a ssh-ed25519 key",
                refusal(() -> VmSpecs.requireSshKey(1, "ssh-ed25519 AAAA")));
    }

    @Test
    void sshKeyCommentMustBePrintableAsciiOnOneLine() {
        for (String comment : List.of("alice\nssh-rsa AAAA evil", "tab\there", "caf\u00e9", "bell\u0007")) {
            assertEquals("invalid SSH key 1: the comment must be printable ASCII on one line",
                    refusal(() -> VmSpecs.requireSshKey(1, SshKeys.ED25519 + " " + comment)));
        }
        assertEquals("invalid SSH key 1: must be \"<type> <base64 key> [comment]\"",
                refusal(() -> VmSpecs.requireSshKey(1, SshKeys.ED25519.replace(" alice", "\nalice"))));
    }

    @Test
    void emptyAndOverlongSshKeysAreRefused() {
        assertEquals("invalid SSH key 1: empty", refusal(() -> VmSpecs.requireSshKeys(Arrays.asList((String) null))));
        assertEquals("invalid SSH key 1: longer than 8192 characters",
                refusal(() -> VmSpecs.requireSshKey(1, SshKeys.ED25519 + " " + "x".repeat(8192))));
    }

    @Test
    void onlyCapsulNamesAreVmIds() {
        assertTrue(VmSpecs.isVmId("capsul-ab12cd34ef"));
        assertFalse(VmSpecs.isVmId("test"));
        assertFalse(VmSpecs.isVmId(null));
    }
}
