package org.stoa.rest.internal;

import java.io.IOException;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@link BodyLimitConfiguration#maxBodyBytes()} for every servlet of the HTTP whiteboard (the
 * console, the webapp, /health, the WebSocket path and the servlets the JAX-RS applications run
 * in): a request declaring a longer body gets 413 before anything reads it, and its connection is
 * closed. The JAX-RS applications' own filters still apply their limits (smaller for webhooks) and
 * bound chunked bodies; the servlets outside JAX-RS read no body but a form, which Jetty bounds.
 */
@Component(service = Filter.class, configurationPid = BodyLimitConfiguration.PID, property = {
        "osgi.http.whiteboard.filter.name=stoa.servlet-body-limit",
        "osgi.http.whiteboard.filter.pattern=/*",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=*)" })
public class ServletBodyLimit implements Filter {

    private final long maxBytes;

    @Activate
    public ServletBodyLimit(BodyLimitConfiguration configuration) {
        this.maxBytes = configuration.maxBodyBytes();
    }

    @Override
    public void init(FilterConfig config) {
        // Nothing to set up: the limit came with the configuration.
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getContentLengthLong() > maxBytes && response instanceof HttpServletResponse http) {
            // Closing the connection: kept open, Jetty would read the rest of the body before the next request.
            http.setHeader("Connection", "close");
            http.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    public void destroy() {
        // Nothing held.
    }
}
