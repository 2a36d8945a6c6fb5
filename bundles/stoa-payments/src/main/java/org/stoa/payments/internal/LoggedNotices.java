package org.stoa.payments.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** With no SMTP relay configured, billing notices go to the log for the operator to pass on. */
final class LoggedNotices implements Notices {

    private static final Logger LOG = LoggerFactory.getLogger(LoggedNotices.class);

    @Override
    public void deliver(long id, String to, String subject, String body) {
        LOG.warn("billing notice {} for {} (no SMTP relay configured): {} -- {}", id, to, subject, body.replace('\n', ' '));
    }
}
