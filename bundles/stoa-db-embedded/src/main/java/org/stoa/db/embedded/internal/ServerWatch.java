package org.stoa.db.embedded.internal;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.db.embedded.PostgresServer;

/**
 * Keeps the embedded PostgreSQL running: a postmaster that died (kill -9, the kernel's
 * out-of-memory killer) is started again on the same data directory and port, so PostgreSQL's
 * crash recovery runs and the pool reconnects to the same URL. A server that dies again soon
 * after its restart, or a restart that fails, waits twice as long each time (up to a minute)
 * instead of looping.
 */
final class ServerWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerWatch.class);
    private static final long FIRST_BACKOFF_MILLIS = 1000;
    private static final long MAX_BACKOFF_MILLIS = 60_000;
    /** A server that ran this long after a restart counts as healthy again: its next crash restarts at once. */
    private static final long STABLE_NANOS = 60_000_000_000L;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "stoa-embedded-postgres-watch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile PostgresServer server;
    private volatile boolean closed;
    private long lastRestartNanos;
    private long backoffMillis;

    ServerWatch(PostgresServer server, long checkMillis) {
        this.server = server;
        timer.scheduleWithFixedDelay(this::check, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    }

    PostgresServer server() {
        return server;
    }

    private void check() {
        PostgresServer dead = server;
        if (closed || dead.isAlive()) {
            return;
        }
        boolean soonAgain = lastRestartNanos != 0 && System.nanoTime() - lastRestartNanos < STABLE_NANOS;
        backoffMillis = soonAgain ? Math.min(Math.max(2 * backoffMillis, FIRST_BACKOFF_MILLIS), MAX_BACKOFF_MILLIS) : 0;
        if (backoffMillis == 0) {
            LOG.error("The embedded PostgreSQL (PID {}) has died; restarting it on 127.0.0.1:{} "
                    + "(crash recovery runs first)", dead.pid(), dead.port());
        } else {
            LOG.error("The embedded PostgreSQL (PID {}) has died again within a minute of its restart; "
                    + "restarting it in {} s", dead.pid(), backoffMillis / 1000);
        }
        long retryMillis = backoffMillis;
        while (pause(retryMillis)) {
            try {
                PostgresServer restarted = dead.restart();
                server = restarted;
                lastRestartNanos = System.nanoTime();
                LOG.info("The embedded PostgreSQL is back on 127.0.0.1:{} (PID {}) after crash recovery; "
                        + "connections are opened again as needed", restarted.port(), restarted.pid());
                return;
            } catch (IOException | RuntimeException e) {
                retryMillis = Math.min(Math.max(2 * retryMillis, FIRST_BACKOFF_MILLIS), MAX_BACKOFF_MILLIS);
                LOG.error("Could not restart the embedded PostgreSQL ({}); trying again in {} s",
                        e.getMessage().lines().findFirst().orElse(""), retryMillis / 1000);
            }
        }
    }

    /** Waits in short steps, so a stop does not wait out a long backoff; false once closed. */
    private boolean pause(long millis) {
        long until = System.currentTimeMillis() + millis;
        while (!closed && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, until - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !closed;
    }

    /** Stops watching (after a restart under way has finished), then stops the server. */
    @Override
    public void close() throws IOException {
        closed = true;
        timer.shutdown();
        try {
            timer.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
    }
}
