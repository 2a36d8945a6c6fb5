package org.stoa.connections.internal;

import java.util.concurrent.ThreadFactory;

/** The bundle's background threads: named for thread dumps, daemons so none holds the JVM up. */
final class Threads {

    private Threads() {
    }

    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
