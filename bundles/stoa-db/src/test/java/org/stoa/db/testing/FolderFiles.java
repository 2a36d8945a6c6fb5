package org.stoa.db.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.stoa.db.internal.migration.ModuleFiles;

/** A module's files in a plain folder, standing in for a bundle. */
public final class FolderFiles implements ModuleFiles {

    private final Path root;

    public FolderFiles(Path root) {
        this.root = root;
    }

    @Override
    public List<String> list(String folder) throws IOException {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public Optional<InputStream> open(String path) throws IOException {
        Path file = root.resolve(path);
        return Files.isRegularFile(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
    }

    @Override
    public String describe() {
        return "folder " + root;
    }
}
