package org.stoa.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AllowedAddressesTest {

    @Test
    void byDefaultOnlyThisMachineMayScrape() {
        AllowedAddresses loopback = AllowedAddresses.parse(AllowedAddresses.LOOPBACK);
        assertTrue(loopback.allows("127.0.0.1"));
        assertTrue(loopback.allows("127.1.2.3"));
        assertTrue(loopback.allows("0:0:0:0:0:0:0:1"));
        assertTrue(loopback.allows("[::1]"));
        assertFalse(loopback.allows("10.0.0.1"));
        assertFalse(loopback.allows("192.168.1.20"));
        assertFalse(loopback.allows("fe80::1"));
    }

    @Test
    void aNetworkWidensItToItsAddressesOnly() {
        AllowedAddresses lan = AllowedAddresses.parse("127.0.0.1, 10.1.0.0/20");
        assertTrue(lan.allows("10.1.15.255"));
        assertFalse(lan.allows("10.1.16.0"));
        assertFalse(lan.allows("127.0.0.2"));
    }

    @Test
    void nothingAllowsNobodyAndAStarEveryone() {
        assertFalse(AllowedAddresses.parse("").allows("127.0.0.1"));
        assertTrue(AllowedAddresses.parse("*").allows("203.0.113.9"));
    }

    @Test
    void aHostNameOrABadNetworkIsRefusedWithTheEntry() {
        assertEquals("not an IP address or network: metrics.example.org",
                assertThrows(IllegalArgumentException.class, () -> AllowedAddresses.parse("metrics.example.org")).getMessage());
        assertEquals("not a network: 10.0.0.0/33",
                assertThrows(IllegalArgumentException.class, () -> AllowedAddresses.parse("10.0.0.0/33")).getMessage());
    }

    @Test
    void aClientAddressThatIsNotALiteralIsRefused() {
        assertFalse(AllowedAddresses.parse(AllowedAddresses.LOOPBACK).allows("localhost"));
        assertFalse(AllowedAddresses.parse(AllowedAddresses.LOOPBACK).allows(null));
    }
}
