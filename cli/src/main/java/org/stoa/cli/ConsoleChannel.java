package org.stoa.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.PtyMode;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.ControlChar;
import org.jline.terminal.Attributes.InputFlag;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Attributes.OutputFlag;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.stoa.shell.CallerFiles;

/**
 * The real Karaf console over SSH, for {@code bin/stoa shell_plus} at a terminal: a shell
 * channel with a pseudo-terminal shaped like the operator's, so line editing, completion and the
 * prompt are the console's own. The operator's terminal is raw meanwhile, as ssh makes it.
 */
final class ConsoleChannel {

    /** Set on the console session; etc/scripts/stoa-shell-plus.script then runs stoa:shell-plus. */
    static final String SHELL_PLUS = "STOA_SHELL_PLUS";

    private static final Map<PtyMode, ControlChar> CONTROL_CHARS = Map.of(
            PtyMode.VINTR, ControlChar.VINTR, PtyMode.VQUIT, ControlChar.VQUIT,
            PtyMode.VERASE, ControlChar.VERASE, PtyMode.VKILL, ControlChar.VKILL,
            PtyMode.VEOF, ControlChar.VEOF, PtyMode.VSUSP, ControlChar.VSUSP,
            PtyMode.VWERASE, ControlChar.VWERASE, PtyMode.VLNEXT, ControlChar.VLNEXT);

    private ConsoleChannel() {
    }

    static int run(ClientSession session, String workingDirectory) throws IOException {
        String type = System.getenv("TERM") == null ? Terminal.TYPE_DUMB : System.getenv("TERM");
        try (Terminal terminal = TerminalBuilder.builder().system(true).type(type).nativeSignals(true)
                .signalHandler(Terminal.SignalHandler.SIG_IGN).build();
                ChannelShell channel = session.createShellChannel()) {
            Attributes cooked = terminal.enterRawMode();
            try {
                channel.setPtyModes(modes(cooked));
                channel.setPtyColumns(terminal.getWidth());
                channel.setPtyLines(terminal.getHeight());
                channel.setPtyType(type);
                channel.setEnv("TERM", type);
                channel.setEnv(SHELL_PLUS, "true");
                channel.setEnv(CallerFiles.WORKING_DIRECTORY, workingDirectory);
                channel.setIn(new StoaClient.NonClosingInput(terminal.input()));
                channel.setOut(new UnclosedOutput(terminal.output()));
                channel.setErr(new UnclosedOutput(terminal.output()));
                channel.open().verify(Duration.ofSeconds(30));
                terminal.handle(Terminal.Signal.WINCH, signal -> {
                    try {
                        Size size = terminal.getSize();
                        channel.sendWindowChange(size.getColumns(), size.getRows());
                    } catch (IOException e) {
                        // the next resize tries again
                    }
                });
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
                Integer status = channel.getExitStatus();
                return status == null ? 0 : status;
            } finally {
                terminal.setAttributes(cooked);
            }
        }
    }

    /** The operator's terminal settings before raw mode: the console's terminal behaves as theirs did. */
    private static Map<PtyMode, Integer> modes(Attributes a) {
        Map<PtyMode, Integer> modes = new HashMap<>();
        CONTROL_CHARS.forEach((mode, c) -> {
            int value = a.getControlChar(c);
            if (value != -1) {
                modes.put(mode, value);
            }
        });
        modes.put(PtyMode.ICRNL, a.getInputFlag(InputFlag.ICRNL) ? 1 : 0);
        modes.put(PtyMode.IXON, a.getInputFlag(InputFlag.IXON) ? 1 : 0);
        modes.put(PtyMode.ISIG, a.getLocalFlag(LocalFlag.ISIG) ? 1 : 0);
        modes.put(PtyMode.ICANON, a.getLocalFlag(LocalFlag.ICANON) ? 1 : 0);
        modes.put(PtyMode.ECHO, a.getLocalFlag(LocalFlag.ECHO) ? 1 : 0);
        modes.put(PtyMode.ECHOE, a.getLocalFlag(LocalFlag.ECHOE) ? 1 : 0);
        modes.put(PtyMode.IEXTEN, a.getLocalFlag(LocalFlag.IEXTEN) ? 1 : 0);
        modes.put(PtyMode.OPOST, a.getOutputFlag(OutputFlag.OPOST) ? 1 : 0);
        modes.put(PtyMode.ONLCR, a.getOutputFlag(OutputFlag.ONLCR) ? 1 : 0);
        return modes;
    }

    /** Keeps the channel from closing the terminal's output. */
    private static final class UnclosedOutput extends FilterOutputStream {
        UnclosedOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
