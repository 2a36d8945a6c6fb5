package org.stoa.connections.internal;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.websocket.server.WebSocketServerFactory;
import org.eclipse.jetty.websocket.servlet.WebSocketServlet;
import org.eclipse.jetty.websocket.servlet.WebSocketServletFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.stoa.connections.Authenticator;

/**
 * {@code /ws/world/{world}/}: every request upgrades to a {@link Socket} of that world. Whether
 * the world exists is the {@link Authenticator}'s answer once the socket is open, as venueless
 * answers it: an error message, then close.
 */
@Component(service = Servlet.class, configurationPid = ConnectionsConfiguration.PID, property = {
        "osgi.http.whiteboard.servlet.name=stoa-websocket-worlds",
        "osgi.http.whiteboard.servlet.pattern=/world/*",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=" + WebSocketContext.NAME + ")" })
public class WorldSocketServlet extends WebSocketServlet {

    private static final long serialVersionUID = 1L;

    private final transient Endpoint endpoint;
    private final transient ScheduledExecutorService timer;
    private transient volatile Authenticator authenticator;

    @Activate
    public WorldSocketServlet(ConnectionsConfiguration config, @Reference LiveSockets sockets,
            @Reference Router router, @Reference ConnectionLimits limits) {
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stoa-connections-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.endpoint = new Endpoint(config, sockets, router, limits, () -> authenticator, timer,
                FrameJson.mapper(config.maxMessageBytes()));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setAuthenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    void unsetAuthenticator(Authenticator gone) {
        if (this.authenticator == gone) {
            this.authenticator = null;
        }
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
    }

    @Override
    public void init() throws ServletException {
        // Jetty looks its server factory up with a ServiceLoader on the context class loader,
        // which in OSGi must be the loader of Jetty's WebSocket server bundle.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(WebSocketServerFactory.class.getClassLoader());
        try {
            super.init();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Jetty's upgrade copies the request's translated path, which Pax Web answers by looking for a
     * file through a MalformedURLException it throws and catches, on every upgrade. No socket
     * path is a file: the answer is null without the search.
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        super.service(new HttpServletRequestWrapper(request) {
            @Override
            public String getPathTranslated() {
                return null;
            }
        }, response);
    }

    @Override
    public void configure(WebSocketServletFactory factory) {
        ConnectionsConfiguration config = endpoint.config();
        factory.getPolicy().setMaxTextMessageSize(config.maxMessageBytes());
        factory.getPolicy().setMaxBinaryMessageSize(config.maxMessageBytes());
        factory.getPolicy().setIdleTimeout(config.pingTimeoutSeconds() * 1000L);
        factory.setCreator((request, response) -> new Socket(worldOf(request.getHttpServletRequest().getPathInfo()),
                endpoint));
    }

    /** {@code /sample/} → {@code sample}; anything else names no world. */
    static String worldOf(String pathInfo) {
        if (pathInfo == null) {
            return "";
        }
        String path = pathInfo.startsWith("/") ? pathInfo.substring(1) : pathInfo;
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
