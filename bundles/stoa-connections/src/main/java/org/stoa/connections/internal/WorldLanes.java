package org.stoa.connections.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs tasks so that a world's run one at a time in the order they came, while different worlds
 * run side by side: each world is bound to one of a few single-thread lanes by its id. One busy
 * world holds up only the worlds that share its lane, never all of them.
 */
final class WorldLanes {

    private final ExecutorService[] lanes;

    WorldLanes(int count, String name) {
        lanes = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(Threads.daemon(name + "-" + i));
        }
    }

    void execute(String world, Runnable task) {
        lanes[Math.floorMod(world.hashCode(), lanes.length)].execute(task);
    }

    void shutdownNow() {
        for (ExecutorService lane : lanes) {
            lane.shutdownNow();
        }
    }
}
