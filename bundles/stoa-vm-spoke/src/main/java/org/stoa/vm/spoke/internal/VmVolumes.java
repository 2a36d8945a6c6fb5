package org.stoa.vm.spoke.internal;

import java.util.List;

/** The storage volumes a VM owns in the pool, named after it so destroy can find them. */
record VmVolumes(String disk, String seed) {

    static VmVolumes of(String vmId) {
        return new VmVolumes(vmId + ".qcow2", vmId + "-cidata.iso");
    }

    List<String> names() {
        return List.of(disk, seed);
    }
}
