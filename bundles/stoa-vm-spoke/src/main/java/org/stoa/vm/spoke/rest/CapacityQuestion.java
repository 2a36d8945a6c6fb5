package org.stoa.vm.spoke.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /spoke/capacity}: whether a VM of this much memory fits; absent, nothing does. */
record CapacityQuestion(@JsonProperty("memory_mb") Integer memoryMb) {

    int memory() {
        return memoryMb == null ? -1 : memoryMb;
    }
}
