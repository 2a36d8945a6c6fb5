package org.stoa.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.stoa.shell.CallerFiles;

/**
 * bin/stoa: runs one management command in the running instance over its loopback SSH
 * console, with the operator key made at first start, and exits with the command's status.
 * Standard input is passed to the command, so interactive prompts work at a terminal and
 * scripts may pipe answers in; with no input the command simply sees end of input. {@code shell_plus}
 * alone at a terminal opens the interactive console instead (see {@link ConsoleChannel}).
 */
public final class StoaClient {

    private static final int UNREACHABLE = 3;

    private static final Set<String> SHELL_PLUS = Set.of("shell_plus", "stoa:shell_plus", "stoa:shell-plus");

    private StoaClient() {
    }

    /** {@code StoaClient KARAF_HOME COMMAND [ARGS...]}. */
    public static void main(String[] args) {
        if (args.length < 2 || args[1].equals("-h") || args[1].equals("--help")) {
            System.err.println("usage: bin/stoa COMMAND [ARGS...]   (e.g. bin/stoa db:showmigrations;"
                    + " bin/stoa help lists every command, bin/stoa COMMAND --help describes one)");
            System.exit(args.length < 2 ? 2 : 0);
        }
        Path home = Path.of(args[0]);
        List<String> words = Arrays.asList(args).subList(1, args.length);
        // shell_plus alone at a terminal is a console to stay at, not one command.
        boolean console = words.size() == 1 && SHELL_PLUS.contains(words.get(0)) && System.console() != null;
        System.exit(run(home, console ? null : CommandLine.of(words), Path.of("").toAbsolutePath()));
    }

    /** Runs {@code command}, or opens the console with Stoa's services bound when it is null. */
    static int run(Path home, String command, Path workingDirectory) {
        Path etc = home.resolve("etc");
        KeyPair key;
        try {
            key = OperatorKey.load(etc.resolve(OperatorKey.KEY_FILE));
        } catch (java.nio.file.NoSuchFileException e) {
            System.err.println("No operator key at " + etc.resolve(OperatorKey.KEY_FILE)
                    + ": start Stoa once with bin/start or bin/karaf to create it.");
            return UNREACHABLE;
        } catch (java.nio.file.AccessDeniedException e) {
            System.err.println("Cannot read " + etc.resolve(OperatorKey.KEY_FILE)
                    + ": run bin/stoa as the user who installed Stoa.");
            return UNREACHABLE;
        } catch (Exception e) {
            System.err.println("Cannot read the operator key: " + e.getMessage());
            return UNREACHABLE;
        }
        Properties shell = shellConfig(etc);
        String host = shell.getProperty("sshHost", "127.0.0.1").strip();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        int port = Integer.parseInt(shell.getProperty("sshPort", "8101").strip());

        SshClient client = SshClient.setUpDefaultClient();
        // The console listens on loopback only, on this machine: there is no one in the middle to guard against.
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        try (ClientSession session = client.connect(OperatorKey.USER, host, port)
                .verify(Duration.ofSeconds(10)).getSession()) {
            session.addPublicKeyIdentity(key);
            session.auth().verify(Duration.ofSeconds(30));
            if (command == null) {
                return ConsoleChannel.run(session, workingDirectory.toString());
            }
            try (ChannelExec channel = session.createExecChannel(command)) {
                // Karaf puts the exec request's environment into the command's session: file arguments
                // are then read and written where the operator typed them.
                channel.setEnv(CallerFiles.WORKING_DIRECTORY, workingDirectory.toString());
                channel.setIn(new NonClosingInput(System.in));
                channel.setOut(System.out);
                channel.setErr(System.err);
                channel.open().verify(Duration.ofSeconds(30));
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
                System.out.flush();
                Integer status = channel.getExitStatus();
                return status == null ? 1 : status;
            }
        } catch (IOException e) {
            if (rootCause(e) instanceof ConnectException) {
                System.err.println("Stoa is not running (nothing listens on " + host + ":" + port + ").");
            } else {
                System.err.println("Cannot run the command: " + e.getMessage());
            }
            return UNREACHABLE;
        } finally {
            client.stop();
        }
    }

    private static Properties shellConfig(Path etc) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(etc.resolve("org.apache.karaf.shell.cfg"))) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            // defaults below
        }
        return p;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    /** Keeps the channel from closing our own standard input (or the terminal's). */
    static final class NonClosingInput extends java.io.FilterInputStream {
        NonClosingInput(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
