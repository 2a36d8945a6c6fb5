package org.stoa.connections.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay to PostgreSQL whose open connections can be frozen: bytes stop flowing both ways
 * while both sockets stay open — what a connection looks like to each end when the network
 * between them silently fails (a half-open connection). New connections still pass.
 */
final class FreezingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Relay> relays = new CopyOnWriteArrayList<>();

    private static final class Relay {
        final Socket client;
        final Socket upstream;
        volatile boolean frozen;

        Relay(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }
    }

    FreezingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "freezing-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Every connection open now stops passing bytes (and never closes); later ones pass. */
    void freezeOpenConnections() {
        relays.forEach(r -> r.frozen = true);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Relay relay = new Relay(client, upstream);
                relays.add(relay);
                pump(relay, client, upstream);
                pump(relay, upstream, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Relay relay, Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    while (relay.frozen && !from.isClosed()) {
                        Thread.sleep(50);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException e) {
                // one side went away: the relay ends with it
            }
        }, "freezing-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Relay r : relays) {
            r.client.close();
            r.upstream.close();
        }
    }
}
