package org.stoa.db.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.stoa.db.internal.migration.ModuleFiles;

/** A bundle's own entries (not its imports), as migration files. */
final class BundleFiles implements ModuleFiles {

    private final Bundle bundle;

    BundleFiles(Bundle bundle) {
        this.bundle = bundle;
    }

    @Override
    public List<String> list(String folder) {
        List<String> names = new ArrayList<>();
        Enumeration<String> paths = bundle.getEntryPaths(folder.isEmpty() ? "/" : folder);
        while (paths != null && paths.hasMoreElements()) {
            String path = paths.nextElement();
            if (!path.endsWith("/")) {
                names.add(path.substring(path.lastIndexOf('/') + 1));
            }
        }
        names.sort(null);
        return names;
    }

    @Override
    public Optional<InputStream> open(String path) throws IOException {
        URL entry = bundle.getEntry(path);
        return entry == null ? Optional.empty() : Optional.of(entry.openStream());
    }

    @Override
    public String describe() {
        return "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion();
    }
}
