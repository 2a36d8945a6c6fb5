package org.stoa.webapp.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The files of a webapp build in one folder, as the server hands them out: only regular files
 * inside the folder (no way out through {@code ..} or a link), read once and kept with their
 * gzip form until the file changes on disk — a new build dropped in place is served at once.
 */
final class WebappBuild {

    /** One file of the build as it is on disk now. */
    record BuildFile(String name, String contentType, long lastModifiedMillis, byte[] bytes, byte[] gzipped) {
    }

    private record Cached(long lastModifiedMillis, long size, BuildFile file) {
    }

    private final Path root;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    WebappBuild(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** Whether a build is there at all: a folder with an {@code index.html}. */
    boolean present() {
        return Files.isRegularFile(root.resolve("index.html"));
    }

    /**
     * The file a URL path names ({@code /assets/index-1a2b.js}), or empty when it names none: a
     * folder, a hidden file, something outside the build.
     */
    Optional<BuildFile> file(String urlPath) {
        if (urlPath == null || urlPath.indexOf('\0') >= 0 || urlPath.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        String relative = urlPath.startsWith("/") ? urlPath.substring(1) : urlPath;
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".")) {
                return Optional.empty();
            }
        }
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            long modified = attributes.lastModifiedTime().toMillis();
            Cached cached = cache.get(path);
            if (cached == null || cached.lastModifiedMillis() != modified || cached.size() != attributes.size()) {
                cached = new Cached(modified, attributes.size(), read(path, modified));
                cache.put(path, cached);
            }
            return Optional.of(cached.file());
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BuildFile read(Path path, long modified) throws IOException {
        String name = path.getFileName().toString();
        String type = ContentTypes.of(name);
        byte[] bytes = Files.readAllBytes(path);
        return new BuildFile(name, type, modified, bytes, ContentTypes.compressible(type) ? gzip(bytes) : null);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
