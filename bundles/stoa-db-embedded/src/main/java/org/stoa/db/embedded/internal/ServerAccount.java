package org.stoa.db.embedded.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The OS account PostgreSQL's programs run as. PostgreSQL refuses to run as root, so a root JVM runs them
 * as an unprivileged account through {@code setpriv}; any other JVM runs them as itself.
 */
public final class ServerAccount {

    private final Optional<Switch> as;

    /** The account to switch to when running as root: its name, primary group and the setpriv program. */
    private record Switch(String user, String group, Path setpriv) {
    }

    private ServerAccount(Optional<Switch> as) {
        this.as = as;
    }

    /** The current account, or {@code userWhenRoot} if the JVM runs as root. */
    public static ServerAccount forThisProcess(String userWhenRoot) throws IOException {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (uid != 0) {
            return new ServerAccount(Optional.empty());
        }
        Path setpriv = onPath("setpriv").orElseThrow(() -> new IOException("the JVM runs as root, so PostgreSQL "
                + "must run as '" + userWhenRoot + "', which needs setpriv (util-linux) on the PATH"));
        return new ServerAccount(Optional.of(new Switch(userWhenRoot, primaryGroup(userWhenRoot), setpriv)));
    }

    /** Who runs the server, for messages. */
    public String describe() {
        return as.map(s -> "OS user '" + s.user() + "' (the JVM runs as root)")
                .orElse("OS user '" + System.getProperty("user.name") + "'");
    }

    /** The command line that runs {@code program} with {@code args} as this account. */
    public List<String> command(Path program, List<String> args) {
        List<String> command = new ArrayList<>();
        as.ifPresent(s -> command.addAll(List.of(s.setpriv().toString(), "--reuid=" + s.user(),
                "--regid=" + s.group(), "--clear-groups", "--")));
        command.add(program.toString());
        command.addAll(args);
        return command;
    }

    /** Hands {@code path} (and, for a directory, everything under it) to this account if it does not own it. */
    public void own(Path path) throws IOException {
        if (as.isEmpty()) {
            return;
        }
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(as.get().user());
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(as.get().group());
        if (Files.getOwner(path).equals(user)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                view.setOwner(user);
                view.setGroup(group);
            }
        }
    }

    /**
     * Fails with one clear message if this account cannot search every directory on the way to each of
     * {@code dirs} (inclusive). The current account reaches what the JVM created, so only a switch is checked.
     */
    public void requireReachable(Path... dirs) throws IOException {
        if (as.isEmpty()) {
            return;
        }
        for (Path dir : dirs) {
            Path real = dir.toRealPath();
            for (Path step = real.getRoot(); step != null; step = next(real, step)) {
                PosixFileAttributes attributes = Files.readAttributes(step, PosixFileAttributes.class);
                if (!searchable(attributes)) {
                    throw new IOException(describe() + " cannot reach " + dir + ": directory " + step + " (owner "
                            + attributes.owner().getName() + ", mode "
                            + PosixFilePermissions.toString(attributes.permissions()) + ") is not searchable by '"
                            + as.get().user() + "'; allow it (chmod o+x " + step + ") or move the data elsewhere");
                }
            }
        }
    }

    private static Path next(Path target, Path step) {
        return step.equals(target) ? null : step.resolve(target.getName(step.getNameCount()));
    }

    private boolean searchable(PosixFileAttributes attributes) {
        Switch s = as.orElseThrow();
        if (attributes.owner().getName().equals(s.user())) {
            return attributes.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
        }
        if (attributes.group().getName().equals(s.group())) {
            return attributes.permissions().contains(PosixFilePermission.GROUP_EXECUTE);
        }
        return attributes.permissions().contains(PosixFilePermission.OTHERS_EXECUTE);
    }

    private static String primaryGroup(String user) throws IOException {
        Process id = new ProcessBuilder("id", "-gn", "--", user).redirectErrorStream(true).start();
        try {
            // The answer is one short line, so it waits in the pipe until id has exited.
            boolean exited = id.waitFor(10, TimeUnit.SECONDS);
            String out = exited ? new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip() : "";
            if (!exited || id.exitValue() != 0) {
                throw new IOException("the JVM runs as root, so PostgreSQL must run as OS user '" + user
                        + "', but that user cannot be looked up: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking up OS user " + user, e);
        } finally {
            id.destroy();
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin", "/bin"))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
