package org.stoa.vm.hub;

import java.math.BigDecimal;

/** A VM size with its monthly price, as capsul sells them ({@code f1-xs} … {@code f1-xx}). */
public record VmSize(String id, BigDecimal dollarsPerMonth, int memoryMb, int vcpus, int bandwidthGbPerMonth) {
}
