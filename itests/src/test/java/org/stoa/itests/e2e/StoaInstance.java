package org.stoa.itests.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One unpacked copy of the assembled distribution, driven only through its own scripts
 * (bin/start, bin/stop, bin/stoa) as an operator would.
 */
final class StoaInstance implements AutoCloseable {

    private static final Pattern RAW_TOKEN = Pattern.compile("https://[a-z0-9.:-]+/#token=([A-Za-z0-9._-]+)");

    /** What a bin/stoa run printed and how it exited. */
    record Result(int exit, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    private final Path home;
    private final Map<String, String> environment;
    private final int httpPort;

    private StoaInstance(Path home, Map<String, String> environment, int httpPort) {
        this.home = home;
        this.environment = environment;
        this.httpPort = httpPort;
    }

    /** Unpacks a fresh copy under target/stoa-work/NAME, on ports of its own. */
    static final Path SAMPLE_WORLD = Path.of("../bundles/stoa-worlds/src/test/resources/sample-world.json");

    static StoaInstance unpack(String name, int portOffset, Map<String, String> environment) throws Exception {
        Path work = Path.of(System.getProperty("stoa.work", "target/stoa-work")).toAbsolutePath().resolve(name);
        deleteTree(work);
        Files.createDirectories(work);
        run(work, List.of("tar", "xzf", System.getProperty("stoa.distribution"), "--strip-components=1"), Map.of(),
                Duration.ofMinutes(2));
        StoaInstance instance = new StoaInstance(work, environment, 8181 + portOffset);
        instance.setPort("etc/org.apache.karaf.shell.cfg", "sshPort", 8101 + portOffset);
        instance.setPort("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", instance.httpPort);
        // The VM spoke of this instance and its hub meet on its own HTTP port.
        instance.set("etc/org.stoa.spoke.cfg", "spoke_url", instance.http());
        instance.set("etc/org.stoa.spoke.cfg", "hub_url", instance.http());
        instance.setPort("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", 1099 + portOffset);
        instance.setPort("etc/org.apache.karaf.management.cfg", "rmiServerPort", 44444 + portOffset);
        instance.withoutMavenRepositories();
        return instance;
    }

    Path home() {
        return home;
    }

    /** The instance's web address, e.g. {@code http://127.0.0.1:8481}. */
    String http() {
        return "http://127.0.0.1:" + httpPort;
    }

    void start() throws Exception {
        Result started = script(List.of("bin/start"), Duration.ofMinutes(1));
        if (started.exit() != 0) {
            throw new IllegalStateException("bin/start failed: " + started.output());
        }
    }

    /** Waits until the core schema shows as applied: the instance is up and its database migrated. */
    Result awaitCoreSchema(Duration timeout) throws Exception {
        return awaitStoa(timeout, r -> r.output().contains("[X] 01_installation"), "db:showmigrations");
    }

    /** Waits until {@code bin/stoa ARGS} succeeds with output that satisfies {@code ready}. */
    Result awaitStoa(Duration timeout, Predicate<Result> ready, String... args) throws Exception {
        return awaitAnswer(timeout, r -> r.exit() == 0 && ready.test(r), args);
    }

    /** Waits until {@code bin/stoa ARGS} gives an answer, successful or not, that satisfies {@code ready}. */
    Result awaitAnswer(Duration timeout, Predicate<Result> ready, String... args) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Result last = null;
        while (Instant.now().isBefore(deadline)) {
            last = stoa(args);
            if (ready.test(last)) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("bin/stoa " + String.join(" ", args) + " not ready after " + timeout
                + "; last: " + last + "\n--- karaf.log tail ---\n" + logTail(60));
    }

    /** Any script of the distribution, e.g. {@code bin/start clean}, run from its home. */
    Result command(String... command) throws Exception {
        return script(List.of(command), Duration.ofMinutes(1));
    }

    /** The same installation, started from now on with another environment. */
    StoaInstance withEnvironment(Map<String, String> newEnvironment) {
        return new StoaInstance(home, newEnvironment, httpPort);
    }

    Result stoa(String... args) throws Exception {
        return run(home, stoaCommand(args), environment, Duration.ofMinutes(2), null);
    }

    /**
     * Closes each of {@code inOrder} that was made (nulls are skipped: a start that failed half
     * way), every one even when an earlier one fails; the first failure is thrown at the end.
     */
    static void closeAll(AutoCloseable... inOrder) throws Exception {
        Exception first = null;
        for (AutoCloseable part : inOrder) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** {@code db:sql -c STATEMENT}, which must succeed: what it printed, trimmed. */
    String sql(String statement) throws Exception {
        Result result = stoa("db:sql", "-c", statement);
        if (result.exit() != 0) {
            throw new AssertionError("db:sql -c " + statement + " failed: " + result.output());
        }
        return result.output().strip();
    }

    /** Asserts that {@code bin/stoa COMMAND} fails with exactly this one-line message. */
    void assertRefused(String message, String... command) throws Exception {
        Result result = stoa(command);
        org.junit.jupiter.api.Assertions.assertNotEquals(0, result.exit(), result.output());
        org.junit.jupiter.api.Assertions.assertEquals(List.of(message), result.lines());
    }

    /** A fresh access token for the world carrying one trait ({@code token:generate WORLD --trait T --raw}). */
    /**
     * Imports the worlds bundle's sample world (a real venueless config) as world {@code id} on
     * {@code domain}, without its connection limit, so a test may open many sockets per user.
     */
    void importSampleWorld(String id, String domain) throws Exception {
        ObjectNode config = (ObjectNode) WsClient.JSON.readTree(Files.readString(SAMPLE_WORLD));
        ((ObjectNode) config.get("world")).put("id", id).put("connection_limit", 0);
        Path file = Files.createTempFile(id, ".json");
        Files.writeString(file, config.toString());
        Result imported = stoa("world:import-config", file.toString(), "--domain", domain);
        if (imported.exit() != 0) {
            throw new AssertionError("world:import-config " + id + " failed: " + imported.output());
        }
    }

    String rawToken(String world, String trait) throws Exception {
        Result generated = stoa("token:generate", world, "--trait", trait, "--raw");
        Matcher token = RAW_TOKEN.matcher(generated.output());
        if (generated.exit() != 0 || !token.find()) {
            throw new AssertionError("token:generate " + world + " failed: " + generated.output());
        }
        return token.group(1);
    }

    /** {@code bin/stoa ARGS} typed in {@code directory}, as an operator in a folder of their own would. */
    Result stoaIn(Path directory, String... args) throws Exception {
        List<String> command = stoaCommand(args);
        command.set(0, home.resolve("bin/stoa").toString());
        return run(directory, command, environment, Duration.ofMinutes(2), null);
    }

    /** {@code bin/stoa ARGS} with {@code input} piped to its standard input, as a script would. */
    Result stoaWithInput(String input, String... args) throws Exception {
        return run(home, stoaCommand(args), environment, Duration.ofMinutes(2), input);
    }

    /**
     * {@code bin/stoa ARGS} at a terminal, {@code input} typed into it: util-linux's
     * {@code script} gives it a pseudo-terminal and, when the input ends, types Ctrl-D.
     */
    Result stoaAtTerminal(String input, String... args) throws Exception {
        List<String> command = stoaCommand(args);
        return run(home, List.of("script", "-qfec", String.join(" ", command), "/dev/null"),
                Map.of("TERM", "dumb"), Duration.ofMinutes(2), input);
    }

    /**
     * {@code input} typed at the interactive console: bin/client in batch mode, logged in with
     * the operator's key, so the line goes through the console's own command lookup (no bin/stoa
     * rewriting).
     */
    Result console(String input) throws Exception {
        String sshPort = Integer.toString(httpPort - 8181 + 8101);
        return run(home, List.of("bin/client", "-a", sshPort, "-u", "stoa", "-k", "etc/stoa.key", "-b"), environment,
                Duration.ofMinutes(2), input);
    }

    private static List<String> stoaCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add("bin/stoa");
        command.addAll(List.of(args));
        return command;
    }

    /** bin/stop, then waits until the JVM and the embedded PostgreSQL are gone. */
    void stop() throws Exception {
        script(List.of("bin/stop"), Duration.ofMinutes(1));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (processesUsing(home).isEmpty()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("still running after bin/stop: " + processesUsing(home));
    }

    /** Kills the Karaf JVM at once (kill -9), as a crash would; its PostgreSQL is left to close(). */
    void kill() {
        processesUsing(home).stream().filter(StoaInstance::isKaraf).forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean isKaraf(ProcessHandle process) {
        return process.info().commandLine().orElse("").contains("org.apache.karaf.main.Main");
    }

    String log() throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private String logTail(int lines) throws IOException {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() throws Exception {
        try {
            // After kill() only the PostgreSQL is left, and bin/stop has no Karaf to ask.
            if (processesUsing(home).stream().anyMatch(StoaInstance::isKaraf)) {
                stop();
            }
        } finally {
            // A test that failed half-way must not leave a server behind.
            for (ProcessHandle p : processesUsing(home)) {
                p.destroyForcibly();
            }
        }
    }

    /** Processes whose command line names this instance's directory: Karaf and its PostgreSQL. */
    static List<ProcessHandle> processesUsing(Path home) {
        String marker = home.toString() + "/";
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .toList();
    }

    private Result script(List<String> command, Duration timeout) throws Exception {
        return run(home, command, environment, timeout, null);
    }

    private static Result run(Path dir, List<String> command, Map<String, String> env, Duration timeout)
            throws Exception {
        return run(dir, command, env, timeout, null);
    }

    private static Result run(Path dir, List<String> command, Map<String, String> env, Duration timeout,
            String input) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        if (input == null) {
            // Scripts and CI have no terminal and no input: neither do we.
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process = builder.start();
        if (input != null) {
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] out;
        try (InputStream in = process.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeout);
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private void setPort(String file, String key, int port) throws IOException {
        set(file, key, Integer.toString(port));
    }

    /** Sets {@code key} in an etc/ file, replacing its line or adding one. */
    void set(String file, String key, String value) throws IOException {
        Path cfg = home.resolve(file);
        List<String> lines = new ArrayList<>();
        boolean set = false;
        for (String line : Files.exists(cfg) ? Files.readAllLines(cfg, StandardCharsets.ISO_8859_1) : List.<String>of()) {
            boolean matches = line.matches("\\s*" + java.util.regex.Pattern.quote(key) + "\\s*=.*");
            lines.add(matches ? key + " = " + value : line);
            set |= matches;
        }
        if (!set) {
            lines.add(key + " = " + value);
        }
        Files.write(cfg, lines, StandardCharsets.ISO_8859_1);
    }

    /**
     * No remote repository and an empty local one: the instance boots from its own system/
     * folder or not at all, which proves the distribution needs no Maven download.
     */
    private void withoutMavenRepositories() throws IOException {
        Path cfg = home.resolve("etc/org.ops4j.pax.url.mvn.cfg");
        Files.createDirectories(home.resolve("empty-maven-repository"));
        String text = Files.readString(cfg, StandardCharsets.ISO_8859_1)
                .replaceAll("(?m)^org\\.ops4j\\.pax\\.url\\.mvn\\.repositories\\s*=(.*\\\\\\R)*.*$",
                        "org.ops4j.pax.url.mvn.repositories=");
        Files.writeString(cfg, text + "\norg.ops4j.pax.url.mvn.localRepository=" + home.resolve("empty-maven-repository")
                + "\n", StandardCharsets.ISO_8859_1);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        for (ProcessHandle p : processesUsing(root)) {
            p.destroyForcibly();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
