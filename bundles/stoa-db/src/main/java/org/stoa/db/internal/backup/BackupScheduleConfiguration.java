package org.stoa.db.internal.backup;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Scheduled backups, from {@code etc/org.stoa.db.backup.cfg}. */
@ObjectClassDefinition(name = "Stoa scheduled backups", description = "db:backup at an interval, keeping the newest few")
public @interface BackupScheduleConfiguration {

    @AttributeDefinition(description = "Minutes between backups; 0 (the default) turns scheduled backups off (STOA_BACKUP_INTERVAL_MINUTES)")
    long intervalMinutes() default 0;

    @AttributeDefinition(description = "Folder of the backups; empty: data/backups (STOA_BACKUP_FOLDER)")
    String folder() default "";

    @AttributeDefinition(description = "How many scheduled backups to keep; older ones are deleted (STOA_BACKUP_KEEP)")
    int keep() default 7;
}
