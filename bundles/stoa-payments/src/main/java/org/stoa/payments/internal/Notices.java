package org.stoa.payments.internal;

import java.io.IOException;

/** Where billing notices to account holders go. */
interface Notices {

    /** Sends one notice; {@code id} is unique per notice (mail clients drop a repeated one). */
    void deliver(long id, String to, String subject, String body) throws IOException;
}
