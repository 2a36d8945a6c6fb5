package org.stoa.benchmarks.ws;

import java.io.IOException;
import java.nio.file.Files;

/**
 * Opens N authenticated WebSocket clients that ping like the browser client, holds them, and reports
 * what happened (see {@link Options#USAGE}). One selector thread does all the work.
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("LoadGenerator: " + e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        LoadRun run = new LoadRun(options);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            run.requestStop();
            try {
                main.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop");
        Runtime.getRuntime().addShutdownHook(hook);
        System.err.printf("[%s] %d clients -> %s, %s mode, ramp %.0f/s, ping every %d ms (timeout %d ms), uids %s-N%n",
                options.name, options.connections, options.urls, options.echo ? "echo" : "stoa", options.ramp,
                options.pingIntervalMs, options.pingTimeoutMs, options.uidPrefix);
        run.run();
        RunStats s = run.stats();
        if (options.report != null) {
            writeReport(options, s);
        }
        System.err.printf("[%s] done: %d authenticated (max %d at once), %d failed %s, ping timeouts %d, "
                        + "RTT p50 %s p99 %s max %s, auth p50 %s p99 %s, %.0f authentications/s over %.1f s, reloads %d%n",
                options.name, s.authenticatedTotal, s.maxAuthenticatedNow, s.failedTotal, s.failed, s.pingTimeouts,
                RunStats.ms(s.pingRttUs.quantile(0.5)), RunStats.ms(s.pingRttUs.quantile(0.99)), RunStats.ms(s.pingRttUs.max()),
                RunStats.ms(s.authLatencyUs.quantile(0.5)), RunStats.ms(s.authLatencyUs.quantile(0.99)),
                s.rampSeconds() > 0 ? s.authenticatedDuringRamp / s.rampSeconds() : 0.0, s.rampSeconds(), s.reloads);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException stoppedBySignal) {
            // the hook is what ended the run; nothing left to undo
        }
    }

    private static void writeReport(Options options, RunStats s) {
        try {
            Files.writeString(options.report, s.json(options));
        } catch (IOException e) {
            System.err.println("LoadGenerator: cannot write " + options.report + ": " + e.getMessage());
        }
    }
}
