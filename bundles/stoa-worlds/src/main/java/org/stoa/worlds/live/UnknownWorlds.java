package org.stoa.worlds.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * World ids recently found not to exist, remembered briefly: every WebSocket upgrade names a
 * world, and a loop of upgrades to random ids was one database read each on a Jetty thread,
 * draining the small pool honest logins need. Bounded, so such a loop cannot grow the heap: when
 * full it starts over, which costs at most one more read per id.
 *
 * <p>A world created anywhere in the cluster is forgotten here at once ({@link #forget}, from the
 * "world.update" event the worlds table's trigger sends on insert); the memory is short
 * ({@link #TTL_NANOS}) so that a missed event delays a new world by seconds at most.
 */
final class UnknownWorlds {

    static final long TTL_NANOS = 2_000_000_000L;
    static final int CAPACITY = 10_000;

    private final Map<String, Long> since = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    UnknownWorlds() {
        this(System::nanoTime);
    }

    /** For tests: reads time from {@code nanoTime}. */
    UnknownWorlds(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Whether {@code worldId} was found missing within the last {@link #TTL_NANOS}. */
    boolean isKnownMissing(String worldId) {
        Long at = since.get(worldId);
        if (at == null) {
            return false;
        }
        if (nanoTime.getAsLong() - at < TTL_NANOS) {
            return true;
        }
        since.remove(worldId, at);
        return false;
    }

    void missing(String worldId) {
        if (since.size() >= CAPACITY) {
            since.clear();
        }
        since.put(worldId, nanoTime.getAsLong());
    }

    void forget(String worldId) {
        since.remove(worldId);
    }

    int size() {
        return since.size();
    }
}
