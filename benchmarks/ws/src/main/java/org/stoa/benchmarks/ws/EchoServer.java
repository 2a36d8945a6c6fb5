package org.stoa.benchmarks.ws;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.servlet.WebSocketServlet;
import org.eclipse.jetty.websocket.servlet.WebSocketServletFactory;

/**
 * A plain Jetty 9.4 WebSocket server that sends every text frame back: the ceiling the Stoa numbers are
 * compared with. Same path shape (/ws/world/{world}/), frame limit (1 MiB) and idle timeout (60 s) as the
 * server. The one exception, the ceiling of a chat broadcast: {@code ["chat.send", ID, BODY]} goes to every
 * open socket as {@code ["chat.event", BODY]} (the same loop over the sockets Stoa's chat delivery runs, with
 * nothing stored or checked), and the sender gets {@code ["success", ID, {}]}.
 *
 *   java -cp stoa-ws-bench.jar org.stoa.benchmarks.ws.EchoServer [--host 127.0.0.1] [--port 18080]
 *        [--idle-timeout 60s] [--max-threads 200]
 */
public final class EchoServer {
    private static final Pattern PATH = Pattern.compile("/ws/world/[^/]+/?");
    private static final int MAX_FRAME = 1024 * 1024;

    private static final AtomicLong OPEN = new AtomicLong();
    private static final AtomicLong MESSAGES = new AtomicLong();
    private static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();

    private EchoServer() {
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 18080;
        long idleTimeoutMs = 60_000;
        int maxThreads = 200;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--idle-timeout" -> idleTimeoutMs = Options.millis(args[i + 1]);
                case "--max-threads" -> maxThreads = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("EchoServer: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        Server server = new Server(new QueuedThreadPool(maxThreads, 8));
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(4096);
        connector.setIdleTimeout(idleTimeoutMs);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new EchoServlet(idleTimeoutMs)), "/ws/world/*");
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        System.err.printf("EchoServer listening on ws://%s:%d/ws/world/{world}/ (idle timeout %d ms, frames up to %d bytes)%n",
                host, connector.getLocalPort(), idleTimeoutMs, MAX_FRAME);
        Thread reporter = new Thread(EchoServer::report, "report");
        reporter.setDaemon(true);
        reporter.start();
        server.join();
    }

    private static void report() {
        long last = 0;
        while (true) {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                return;
            }
            long m = MESSAGES.get();
            System.err.printf("[echo] open %d, %.0f messages/s%n", OPEN.get(), (m - last) / 5.0);
            last = m;
        }
    }

    private static final class EchoServlet extends WebSocketServlet {
        private static final long serialVersionUID = 1L;
        private final long idleTimeoutMs;

        EchoServlet(long idleTimeoutMs) {
            this.idleTimeoutMs = idleTimeoutMs;
        }

        @Override
        public void configure(WebSocketServletFactory factory) {
            factory.getPolicy().setIdleTimeout(idleTimeoutMs);
            factory.getPolicy().setMaxTextMessageSize(MAX_FRAME);
            factory.getPolicy().setMaxBinaryMessageSize(MAX_FRAME);
            factory.setCreator((request, response) -> {
                if (!PATH.matcher(request.getRequestPath()).matches()) {
                    try {
                        response.sendError(404, "no such path");
                    } catch (IOException e) {
                        // the client is gone
                    }
                    return null;
                }
                return new EchoSocket();
            });
        }
    }

    /** Echoes each text frame, asynchronously, on the connection's own thread. */
    public static final class EchoSocket implements WebSocketListener {
        private volatile Session session;

        @Override
        public void onWebSocketConnect(Session s) {
            session = s;
            SESSIONS.add(s);
            OPEN.incrementAndGet();
        }

        @Override
        public void onWebSocketText(String message) {
            MESSAGES.incrementAndGet();
            Session s = session;
            if (s == null || !s.isOpen()) {
                return;
            }
            if (message.startsWith("[\"chat.send\"")) {
                int body = message.indexOf('{');
                int end = message.lastIndexOf(']');
                if (body > 0 && end > body) {
                    String event = "[\"chat.event\", " + message.substring(body, end) + "]";
                    for (Session other : SESSIONS) {
                        if (other.isOpen()) {
                            other.getRemote().sendString(event, null);
                        }
                    }
                    s.getRemote().sendString("[\"success\", " + Messages.value(message) + ", {}]", null);
                    return;
                }
            }
            s.getRemote().sendString(message, null);
        }

        @Override
        public void onWebSocketBinary(byte[] payload, int offset, int len) {
            // the protocol is text frames only
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            if (session != null) {
                SESSIONS.remove(session);
                OPEN.decrementAndGet();
            }
            session = null;
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            // a close follows
        }
    }
}
