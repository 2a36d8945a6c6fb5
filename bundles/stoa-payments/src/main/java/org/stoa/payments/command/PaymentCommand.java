package org.stoa.payments.command;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.stoa.payments.PaymentException;
import org.stoa.payments.Payments;
import org.stoa.shell.Failure;
import org.stoa.shell.ShellUser;

/** A payments command: refusals become one line and a non-zero exit; changes name the operator. */
abstract class PaymentCommand implements Action {

    @Reference(optional = true)
    Payments payments;

    @Reference(optional = true)
    Session session;

    @Override
    public final Object execute() throws Exception {
        if (payments == null) {
            throw Failure.of("payments are not available yet: their schema waits for its migrations (see db:showmigrations)");
        }
        try {
            run(payments);
        } catch (PaymentException e) {
            throw Failure.of(e.getMessage());
        }
        return null;
    }

    abstract void run(Payments payments) throws PaymentException, CommandException;

    /** Who the audit trail names: the shell session's user. */
    String operator() {
        return ShellUser.of(session);
    }

    /** A payment id as typed. */
    static long paymentId(String text) throws CommandException {
        try {
            long id = Long.parseLong(text.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Failure.of("not a payment id: " + text + " (see payment:list)");
    }

    /** A moment as operators read it: UTC, to the second. */
    static String time(Instant at) {
        return at == null ? "-" : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
