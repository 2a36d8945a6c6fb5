package org.stoa.connections.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stoa.connections.internal.ConnectionMessage.ControlRequest;

/** A drop or force-reload on one node, with sockets that record what was done to them. */
class ControlExecutionTest {

    /** What happened to the sockets, in order: "drop 2", "reload 1", "tell 3". */
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Report> reports = new CopyOnWriteArrayList<>();
    private final List<FakeSocket> sockets = new ArrayList<>();
    private ControlExecution node;

    private record Report(int reached, int total, boolean done) {
    }

    private final class FakeSocket implements Controllable {
        private final int number;

        FakeSocket(int number) {
            this.number = number;
        }

        @Override
        public long openedNanos() {
            return number;
        }

        @Override
        public void drop() {
            log.add("drop " + number);
        }

        @Override
        public void reload() {
            log.add("reload " + number);
        }

        @Override
        public void tellToReload() {
            log.add("tell " + number);
        }
    }

    private ControlExecution nodeWith(String label, int... opened) {
        for (int number : opened) {
            sockets.add(new FakeSocket(number));
        }
        Controllable.Source source = new Controllable.Source() {
            @Override
            public List<FakeSocket> all() {
                List<FakeSocket> shuffled = new ArrayList<>(sockets);
                Collections.reverse(shuffled);
                return shuffled;
            }

            @Override
            public List<FakeSocket> oldestFirst() {
                return sockets.stream().sorted(Comparator.comparingLong(FakeSocket::openedNanos)).toList();
            }
        };
        node = new ControlExecution(label, source, (request, reached, total, done) ->
                reports.add(new Report(reached, total, done)));
        return node;
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.stop();
        }
    }

    private static ControlRequest request(String action, int intervalMillis, String... filters) {
        return new ControlRequest(UUID.randomUUID(), action, List.of(filters), intervalMillis);
    }

    @Test
    void aDropClosesEveryMatchingSocketAtOnceAndReportsDone() {
        nodeWith("411b261.production", 1, 2, 3);
        assertEquals(3, node.act(request("drop", 0, "411b261.*")));
        assertEquals(List.of("drop 3", "drop 2", "drop 1"), log);
        assertEquals(List.of(new Report(3, 3, true)), reports);
    }

    @Test
    void aNodeWhoseLabelNoFilterMatchesTouchesNothingAndSaysSoAtOnce() {
        nodeWith("411b261.production", 1, 2);
        assertEquals(0, node.act(request("reload", 0, "9f0e1d2.*", "*.staging")));
        assertEquals(List.of(), log);
        assertEquals(List.of(new Report(0, 0, true)), reports);
    }

    @Test
    void anyMatchingFilterIsEnough() {
        nodeWith("411b261.production", 1);
        assertEquals(1, node.act(request("drop", 0, "9f0e1d2.*", "*.production")));
    }

    @Test
    void aStaggeredReloadGoesOldestFirstWithTheIntervalBetweenSockets() {
        nodeWith("a.b", 30, 10, 20);
        long start = System.nanoTime();
        assertEquals(3, node.act(request("reload", 150, "*")));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of("reload 10", "reload 20", "reload 30"), log);
        assertTrue(tookMillis >= 300, "two intervals between three sockets, took " + tookMillis + " ms");
        assertEquals(new Report(0, 3, false), reports.get(0), "staggered: the first report comes before any socket");
        assertEquals(new Report(3, 3, true), reports.get(reports.size() - 1));
    }

    @Test
    void anAllAtOnceReloadTellsEverySocketThenClosesThemTogetherAfterTheGrace() throws InterruptedException {
        nodeWith("a.b", 1, 2);
        assertEquals(2, node.act(request("reload", 0, "*")));
        assertEquals(List.of("tell 2", "tell 1"), log, "told, not yet closed");
        Thread.sleep(Controllable.RELOAD_GRACE_MILLIS / 2);
        assertEquals(2, log.size(), "still open halfway through the grace");
        long deadline = System.currentTimeMillis() + Controllable.RELOAD_GRACE_MILLIS * 3;
        while (log.size() < 4 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of("tell 2", "tell 1", "drop 2", "drop 1"), log);
        assertEquals(List.of(new Report(2, 2, true)), reports);
    }

    @Test
    void aRequestArrivingFromTheClusterIsCarriedOutOffTheListeningThread() throws InterruptedException {
        nodeWith("a.b", 1);
        node.receive(request("drop", 0, "*"));
        node.receive(new ConnectionMessage.ReplaceSockets(List.of("someone-elses")));
        long deadline = System.currentTimeMillis() + 5000;
        while (log.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("drop 1"), log);
    }
}
