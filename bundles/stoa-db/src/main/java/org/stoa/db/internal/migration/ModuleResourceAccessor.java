package org.stoa.db.internal.migration;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import liquibase.resource.AbstractResource;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * Lets Liquibase read a module's changelog files. Paths are {@code <module>/<path in module>}
 * so that every changeset Liquibase records carries its module's name, which is how the
 * database's history is told apart per module.
 */
final class ModuleResourceAccessor implements ResourceAccessor {

    private final String module;
    private final ModuleFiles files;

    ModuleResourceAccessor(String module, ModuleFiles files) {
        this.module = module;
        this.files = files;
    }

    @Override
    public List<Resource> search(String path, boolean recursive) throws IOException {
        String folder = inModule(path);
        List<Resource> found = new ArrayList<>();
        for (String name : files.list(folder)) {
            found.add(new ModuleResource(join(path, name), folder.isEmpty() ? name : folder + "/" + name));
        }
        return found;
    }

    @Override
    public List<Resource> getAll(String path) throws IOException {
        String inModule = inModule(path);
        Optional<InputStream> in = files.open(inModule);
        if (in.isEmpty()) {
            return null;
        }
        in.get().close();
        return List.of(new ModuleResource(normalise(path), inModule));
    }

    @Override
    public List<String> describeLocations() {
        return List.of(files.describe());
    }

    @Override
    public void close() {
    }

    private String inModule(String path) {
        String p = normalise(path);
        String prefix = module + "/";
        return p.startsWith(prefix) ? p.substring(prefix.length()) : p;
    }

    private static String normalise(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.replaceAll("/+", "/").replace("/./", "/");
    }

    private static String join(String folder, String name) {
        String f = normalise(folder);
        return f.endsWith("/") ? f + name : f + "/" + name;
    }

    private final class ModuleResource extends AbstractResource {
        private final String inModule;

        ModuleResource(String path, String inModule) {
            super(path, URI.create("stoa-module:/" + module + "/" + inModule.replace(" ", "%20")));
            this.inModule = inModule;
        }

        @Override
        public InputStream openInputStream() throws IOException {
            return files.open(inModule).orElseThrow(() -> new IOException(getPath() + " not found"));
        }

        @Override
        public boolean exists() {
            try {
                Optional<InputStream> in = files.open(inModule);
                if (in.isPresent()) {
                    in.get().close();
                    return true;
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public Resource resolve(String other) {
            return new ModuleResource(join(getPath(), other), join(inModule, other));
        }

        @Override
        public Resource resolveSibling(String other) {
            int slash = inModule.lastIndexOf('/');
            String siblingInModule = slash < 0 ? other : inModule.substring(0, slash + 1) + other;
            return new ModuleResource(module + "/" + siblingInModule, siblingInModule);
        }
    }
}
