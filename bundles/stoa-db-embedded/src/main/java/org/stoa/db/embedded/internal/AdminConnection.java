package org.stoa.db.embedded.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * A bare PostgreSQL wire-protocol (v3) connection for the few administrative statements the launcher runs
 * itself: the bundle carries no JDBC driver and the bundled binaries hold no psql. Authenticates with
 * SCRAM-SHA-256 and runs statements through the simple query protocol.
 */
public final class AdminConnection implements AutoCloseable {

    private static final int PROTOCOL_3_0 = 3 << 16;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;
    private static final int MAX_MESSAGE = 16 << 20;

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    /** An error the server reported, with its SQLSTATE. */
    public static final class ServerError extends IOException {
        private final String sqlState;

        ServerError(String sqlState, String message) {
            super(message + " (SQLSTATE " + sqlState + ")");
            this.sqlState = sqlState;
        }

        public String sqlState() {
            return sqlState;
        }

        /** duplicate_database, or unique_violation when another session creates the same object at once. */
        public boolean alreadyExists() {
            return sqlState.equals("42P04") || sqlState.equals("23505");
        }
    }

    private record Message(char type, ByteBuffer body) {
    }

    private AdminConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    /** Connects to 127.0.0.1:{@code port} and logs in. */
    public static AdminConnection open(int port, String user, String password, String database) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port),
                    CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            AdminConnection connection = new AdminConnection(socket);
            connection.logIn(user, password, database);
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Runs one statement; a server-side error surfaces as {@link ServerError}. */
    public void execute(String sql) throws IOException {
        send('Q', cstring(new ByteArrayOutputStream(), sql).toByteArray());
        ServerError error = null;
        for (Message message = receive(); message.type() != 'Z'; message = receive()) {
            if (message.type() == 'E') {
                error = error(message.body());
            }
        }
        if (error != null) {
            throw error;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            send('X', new byte[0]);
        } finally {
            socket.close();
        }
    }

    private void logIn(String user, String password, String database) throws IOException {
        ByteArrayOutputStream startup = new ByteArrayOutputStream();
        startup.writeBytes(ByteBuffer.allocate(4).putInt(PROTOCOL_3_0).array());
        for (String s : List.of("user", user, "database", database, "application_name", "stoa-db-embedded")) {
            cstring(startup, s);
        }
        startup.write(0);
        out.writeInt(startup.size() + 4);
        out.write(startup.toByteArray());
        out.flush();

        ScramSha256 scram = new ScramSha256(password);
        try {
            for (Message message = receive(); message.type() != 'Z'; message = receive()) {
                if (message.type() == 'E') {
                    throw error(message.body());
                }
                if (message.type() == 'R') {
                    authenticate(message.body(), scram);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("SCRAM authentication with PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    private void authenticate(ByteBuffer body, ScramSha256 scram) throws IOException, GeneralSecurityException {
        int code = body.getInt();
        switch (code) {
            case 0 -> { } // AuthenticationOk
            case 10 -> {
                List<String> mechanisms = new ArrayList<>();
                for (String m = cstring(body); !m.isEmpty(); m = cstring(body)) {
                    mechanisms.add(m);
                }
                if (!mechanisms.contains("SCRAM-SHA-256")) {
                    throw new IOException("PostgreSQL offers no SCRAM-SHA-256 login, only " + mechanisms);
                }
                byte[] first = scram.clientFirstMessage().getBytes(StandardCharsets.UTF_8);
                ByteArrayOutputStream response = cstring(new ByteArrayOutputStream(), "SCRAM-SHA-256");
                response.writeBytes(ByteBuffer.allocate(4).putInt(first.length).array());
                response.writeBytes(first);
                send('p', response.toByteArray());
            }
            case 11 -> send('p', scram.clientFinalMessage(rest(body)).getBytes(StandardCharsets.UTF_8));
            case 12 -> scram.verifyServerFinal(rest(body));
            default -> throw new IOException("PostgreSQL asks for an authentication method this launcher does not "
                    + "speak (code " + code + "); the embedded server is set up for scram-sha-256");
        }
    }

    private void send(char type, byte[] body) throws IOException {
        out.writeByte(type);
        out.writeInt(body.length + 4);
        out.write(body);
        out.flush();
    }

    private Message receive() throws IOException {
        char type = (char) in.readUnsignedByte();
        int length = in.readInt();
        if (length < 4 || length > MAX_MESSAGE) {
            throw new IOException("malformed message from PostgreSQL (type " + type + ", length " + length + ")");
        }
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return new Message(type, ByteBuffer.wrap(body));
    }

    private static ServerError error(ByteBuffer body) {
        String sqlState = "?????";
        String message = "";
        for (byte field = body.get(); field != 0; field = body.get()) {
            String value = cstring(body);
            if (field == 'C') {
                sqlState = value;
            } else if (field == 'M') {
                message = value;
            }
        }
        return new ServerError(sqlState, message);
    }

    private static ByteArrayOutputStream cstring(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return out;
    }

    private static String cstring(ByteBuffer body) {
        int start = body.position();
        while (body.get() != 0) {
            // scan to the terminating NUL
        }
        return new String(body.array(), start, body.position() - start - 1, StandardCharsets.UTF_8);
    }

    private static String rest(ByteBuffer body) {
        return new String(body.array(), body.position(), body.remaining(), StandardCharsets.UTF_8);
    }
}
