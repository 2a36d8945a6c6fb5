package org.stoa.vm.spoke.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.stoa.vm.spoke.VmSpec;

/** {@code POST /spoke/create}: the hub's offer of a VM, under the operation whose claim decides who takes it. */
record CreateOffer(String id, int vcpus, @JsonProperty("memory_mb") int memoryMb, String template,
        @JsonProperty("ssh_keys") List<String> sshKeys, @JsonProperty("operation_id") long operationId) {

    /** What is absent is empty, and the hypervisor's checks say what is missing. */
    VmSpec spec() {
        return new VmSpec(id == null ? "" : id, vcpus, memoryMb, template == null ? "" : template,
                sshKeys == null ? List.of() : sshKeys);
    }
}
