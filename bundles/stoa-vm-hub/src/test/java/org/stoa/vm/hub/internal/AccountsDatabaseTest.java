package org.stoa.vm.hub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.vm.hub.Account;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.SshKey;

/** Accounts and their SSH keys. */
class AccountsDatabaseTest {

    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHt0y0fWl6mGkcsxBqeeq3MXGVc5zoGW9Ff1X1x8rWbR alice@laptop";

    private HubFixture fixture;

    @BeforeEach
    void database() throws Exception {
        fixture = new HubFixture();
    }

    @Test
    void anAccountIsKeptInLowerCase() throws Exception {
        Account created = fixture.hub.createAccount("  Alice@Example.ORG ");

        assertEquals("alice@example.org", created.email());
        assertEquals(created, fixture.hub.account("ALICE@example.org").orElseThrow());
    }

    @Test
    void aSecondAccountWithTheSameEmailIsRefused() throws Exception {
        fixture.hub.createAccount("alice@example.org");

        HubException e = assertThrows(HubException.class, () -> fixture.hub.createAccount("Alice@example.org"));
        assertEquals("account alice@example.org already exists", e.getMessage());
    }

    @Test
    void aBadEmailIsRefused() {
        HubException e = assertThrows(HubException.class, () -> fixture.hub.createAccount("alice at example"));
        assertEquals("not an email address: alice at example", e.getMessage());
        assertThrows(HubException.class, () -> fixture.hub.createAccount("alice@localhost"));
    }

    @Test
    void sshKeysAreListedByName() throws Exception {
        fixture.hub.createAccount("alice@example.org");
        fixture.hub.addSshKey("alice@example.org", "laptop", KEY);
        fixture.hub.addSshKey("alice@example.org", "desktop", KEY.replace("laptop", "desktop"));

        List<SshKey> keys = fixture.hub.sshKeys("alice@example.org");
        assertEquals(List.of("desktop", "laptop"), keys.stream().map(SshKey::name).toList());
        assertEquals(KEY, keys.get(1).content());
    }

    @Test
    void aKeyNameIsUsedOncePerAccount() throws Exception {
        fixture.hub.createAccount("alice@example.org");
        fixture.hub.addSshKey("alice@example.org", "laptop", KEY);

        HubException e = assertThrows(HubException.class, () -> fixture.hub.addSshKey("alice@example.org", "laptop", KEY));
        assertEquals("account alice@example.org already has an SSH key named laptop", e.getMessage());
    }

    @Test
    void aRemovedKeyIsGoneAndRemovingAMissingOneIsRefused() throws Exception {
        fixture.hub.createAccount("alice@example.org");
        fixture.hub.addSshKey("alice@example.org", "laptop", KEY);
        fixture.hub.removeSshKey("alice@example.org", "laptop");
        assertTrue(fixture.hub.sshKeys("alice@example.org").isEmpty());
        HubException e = assertThrows(HubException.class, () -> fixture.hub.removeSshKey("alice@example.org", "laptop"));
        assertEquals("account alice@example.org has no SSH key named laptop", e.getMessage());
    }

    @Test
    void somethingThatIsNotAPublicKeyIsRefused() throws Exception {
        fixture.hub.createAccount("alice@example.org");

        HubException e = assertThrows(HubException.class,
                () -> fixture.hub.addSshKey("alice@example.org", "laptop", "-----BEGIN OPENSSH PRIVATE KEY-----"));
        assertTrue(e.getMessage().startsWith("SSH key laptop is not an OpenSSH public key: type \"-----BEGIN\" is not one of"),
                e.getMessage());
        assertTrue(fixture.hub.sshKeys("alice@example.org").isEmpty());
    }

    @Test
    void aKeyTheSpokeWouldRefuseIsRefusedWhenAdded() throws Exception {
        fixture.hub.createAccount("alice@example.org");
        String blob = KEY.split(" ")[1];

        assertEquals("SSH key old is not an OpenSSH public key: type \"ssh-dss\" is not one of ssh-ed25519, ssh-rsa, "
                + "ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521, sk-ssh-ed25519@openssh.com, "
                + "sk-ecdsa-sha2-nistp256@openssh.com", refused("old", "ssh-dss " + blob + " me@old"));
        assertEquals("SSH key relabelled is not an OpenSSH public key: the base64 part is not a ssh-rsa key",
                refused("relabelled", "ssh-rsa " + blob));
        assertEquals("SSH key cut is not an OpenSSH public key: the base64 part is not a ssh-ed25519 key",
                refused("cut", "ssh-ed25519 AAAA"));
        assertEquals("SSH key tabbed is not an OpenSSH public key: the comment must be printable ASCII on one line",
                refused("tabbed", KEY + "\tx"));
        assertTrue(fixture.hub.sshKeys("alice@example.org").isEmpty());
    }

    private String refused(String name, String key) {
        return assertThrows(HubException.class, () -> fixture.hub.addSshKey("alice@example.org", name, key)).getMessage();
    }

    @Test
    void aKeyNeedsAnAccount() {
        HubException e = assertThrows(HubException.class, () -> fixture.hub.addSshKey("bob@example.org", "laptop", KEY));
        assertEquals("no account bob@example.org", e.getMessage());
    }
}
