package org.stoa.db.internal.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a backup every {@code intervalMinutes} into {@code folder} and deletes the oldest beyond
 * {@code keep}. Only files this schedule names ({@code stoa-scheduled-backup-*.gz}) are ever deleted, and
 * only after a new backup was written whole.
 */
@Component(immediate = true, configurationPid = BackupSchedule.PID)
@Designate(ocd = BackupScheduleConfiguration.class)
public final class BackupSchedule {

    public static final String PID = "org.stoa.db.backup";
    /** The schedule's own files, so keeping the newest few never deletes a backup someone took by hand. */
    private static final String PREFIX = "stoa-scheduled-backup-";
    private static final Logger LOG = LoggerFactory.getLogger(BackupSchedule.class);

    private final ScheduledExecutorService runs = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "stoa-backups"));
    private final DatabaseBackups backups;
    private final Path folder;
    private final int keep;

    @Activate
    public BackupSchedule(BackupScheduleConfiguration config, @Reference DatabaseBackups backups) {
        this.backups = backups;
        this.folder = config.folder().isBlank() ? DatabaseBackups.defaultFolder() : Path.of(config.folder().strip());
        this.keep = Math.max(1, config.keep());
        if (config.intervalMinutes() <= 0) {
            LOG.info("scheduled backups are off (org.stoa.db.backup intervalMinutes = 0)");
            return;
        }
        LOG.info("scheduled backups every {} minutes into {}, keeping {}", config.intervalMinutes(), folder, keep);
        runs.scheduleWithFixedDelay(this::runOnce, config.intervalMinutes(), config.intervalMinutes(), TimeUnit.MINUTES);
    }

    @Deactivate
    void stop() throws InterruptedException {
        runs.shutdownNow();
        runs.awaitTermination(30, TimeUnit.SECONDS);
    }

    private void runOnce() {
        try {
            DatabaseBackups.Summary summary = backups.backup(backups.named(folder, PREFIX));
            LOG.info("scheduled backup: {} tables, {} rows, {} bytes in {}", summary.tables(), summary.rows(),
                    summary.bytes(), summary.file());
            for (Path old : beyondKeep()) {
                Files.deleteIfExists(old);
                LOG.info("scheduled backup {} deleted (keeping the newest {})", old, keep);
            }
        } catch (DatabaseBackups.Refused | IOException | RuntimeException e) {
            // The next run tries again; the backups kept so far are left as they are.
            LOG.warn("scheduled backup failed: {}", e.getMessage());
        }
    }

    /** The schedule's own files past the newest {@code keep}; their names sort by time. */
    private List<Path> beyondKeep() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> ours = files.filter(f -> f.getFileName().toString().matches(PREFIX + "[0-9T-]+Z\\.gz"))
                    .sorted().toList();
            return ours.subList(0, Math.max(0, ours.size() - keep));
        }
    }
}
