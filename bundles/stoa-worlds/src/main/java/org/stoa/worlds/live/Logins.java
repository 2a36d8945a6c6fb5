package org.stoa.worlds.live;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stoa.db.Transactions;

/**
 * Writes logins together. At an event's start a crowd logs in by the thousand each second; one
 * transaction per login would queue every socket's thread behind the connection pool (and time
 * out there). Here each login waits in a queue and a few writer threads take whatever is queued
 * and store it in one transaction — one upsert and one grants query per world, however many
 * logins — so the database's work per login shrinks as the crowd grows.
 */
final class Logins implements AutoCloseable {

    /** Two, so one batch is being prepared while the other is in the database. */
    private static final int WRITERS = 2;
    private static final int MAX_BATCH = 500;
    /** Far more than a crowd at the pool's pace needs; a full queue refuses at once instead of hanging. */
    private static final int MAX_QUEUED = 20_000;
    private static final long WAIT_SECONDS = 30;

    /**
     * A first or repeated login: by the token's uid with its traits and profile, or as a guest
     * by the client's id (traits and profile null).
     */
    record Login(String world, String tokenId, String clientId, List<String> traits, ObjectNode profile) {

        static Login withToken(String world, String uid, List<String> traits, ObjectNode profile) {
            return new Login(world, uid, null, traits, profile);
        }

        static Login asGuest(String world, String clientId) {
            return new Login(world, null, clientId, null, null);
        }

        boolean isGuest() {
            return tokenId == null;
        }

        String key() {
            return isGuest() ? clientId : tokenId;
        }
    }

    private record Pending(Login login, CompletableFuture<LiveUser> user) {
    }

    private final Transactions<IllegalStateException> transactions;
    private final UserRepository users;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    Logins(Transactions<IllegalStateException> transactions, UserRepository users) {
        this.transactions = transactions;
        this.users = users;
        for (int i = 0; i < WRITERS; i++) {
            Thread writer = new Thread(this::write, "stoa-logins-" + i);
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
    }

    /** Stores the login and returns the user as stored, with their grants; waits for it. */
    LiveUser login(Login login) {
        try {
            return loginLater(login).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while logging in");
        }
    }

    /**
     * Queues the login and returns at once: the future holds the user as stored, with their
     * grants, once a writer has stored the batch. A socket's thread must not wait here; under a
     * crowd every waiting login would hold one. The future completes on a writer thread, so what
     * follows belongs on the caller's own executor.
     */
    CompletableFuture<LiveUser> loginLater(Login login) {
        Pending pending = new Pending(login, new CompletableFuture<>());
        if (closed || !queue.offer(pending)) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException(closed ? "logins are stopping" : "too many logins waiting"));
        }
        return pending.user().orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).exceptionallyCompose(e ->
                CompletableFuture.failedFuture(e instanceof TimeoutException
                        ? new IllegalStateException("login not stored within " + WAIT_SECONDS + " s")
                        : e));
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!closed) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                store(batch);
            } catch (InterruptedException e) {
                break;
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * All logins of the batch in one transaction. When that fails (a value the schema refuses),
     * each one again behind its own savepoint, still in one transaction: one bad login fails only
     * itself, and a database that is down costs two connection attempts, not one per login.
     */
    private void store(List<Pending> batch) {
        Collection<List<Pending>> groups = byWorldAndKind(batch);
        try {
            List<Map<String, LiveUser>> stored = transactions.inTransaction(c -> {
                List<Map<String, LiveUser>> byGroup = new ArrayList<>(groups.size());
                for (List<Pending> group : groups) {
                    byGroup.add(users.login(c, group.stream().map(Pending::login).toList()));
                }
                return byGroup;
            });
            Iterator<Map<String, LiveUser>> byKey = stored.iterator();
            for (List<Pending> group : groups) {
                Map<String, LiveUser> users = byKey.next();
                group.forEach(p -> p.user().complete(users.get(p.login().key())));
            }
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                batch.get(0).user().completeExceptionally(batchFailure);
            } else {
                storeEachAlone(batch);
            }
        }
    }

    private void storeEachAlone(List<Pending> batch) {
        try {
            Map<Pending, Object> outcomes = transactions.inTransaction(c -> {
                Map<Pending, Object> userOrFailure = new IdentityHashMap<>();
                for (Pending p : batch) {
                    Savepoint before = c.setSavepoint();
                    try {
                        userOrFailure.put(p, users.login(c, List.of(p.login())).get(p.login().key()));
                        c.releaseSavepoint(before);
                    } catch (SQLException e) {
                        c.rollback(before);
                        userOrFailure.put(p, new IllegalStateException(Transactions.message(e), e));
                    }
                }
                return userOrFailure;
            });
            outcomes.forEach((p, outcome) -> {
                if (outcome instanceof LiveUser user) {
                    p.user().complete(user);
                } else {
                    p.user().completeExceptionally((IllegalStateException) outcome);
                }
            });
        } catch (RuntimeException e) {
            batch.forEach(p -> p.user().completeExceptionally(e));
        }
    }

    /** One statement can only upsert logins of one world and one kind (token or guest). */
    private static Collection<List<Pending>> byWorldAndKind(List<Pending> batch) {
        Map<String, List<Pending>> groups = new LinkedHashMap<>();
        for (Pending p : batch) {
            String group = (p.login().isGuest() ? "guest:" : "token:") + p.login().world();
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(p);
        }
        return groups.values();
    }

    @Override
    public void close() {
        closed = true;
        writers.forEach(Thread::interrupt);
        for (Pending p; (p = queue.poll()) != null;) {
            p.user().completeExceptionally(new IllegalStateException("logins are stopping"));
        }
    }
}
