package org.stoa.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class VenuelessConnectionsTest {

    @Test
    void theIntervalMayComeAnywhereAsArgparseTookIt() {
        assertEquals(List.of("--interval", "100", "411b261.*", "*.production"),
                VenuelessConnections.optionsFirst(List.of("411b261.*", "--interval", "100", "*.production")));
    }

    @Test
    void filtersKeepTheirOrder() {
        assertEquals(List.of("b.*", "a.*"), VenuelessConnections.optionsFirst(List.of("b.*", "a.*")));
    }
}
