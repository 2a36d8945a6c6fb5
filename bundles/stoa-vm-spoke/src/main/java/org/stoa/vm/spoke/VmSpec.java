package org.stoa.vm.spoke;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What to create: the VM's id ({@code capsul-} and 10 lower-case letters or digits), its size,
 * the OS template (a volume in the host's storage pool) and the account's SSH public keys.
 * The spoke checks a spec against its rules before the hypervisor sees it.
 */
public record VmSpec(String id, int vcpus, int memoryMb, String template, List<String> sshKeys) {

    public VmSpec {
        // A plain copy rather than List.copyOf: a null key must reach validation, not throw here.
        sshKeys = sshKeys == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(sshKeys));
    }
}
