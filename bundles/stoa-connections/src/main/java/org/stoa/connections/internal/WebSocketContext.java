package org.stoa.connections.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.context.ServletContextHelper;

/**
 * The HTTP context the WebSocket endpoint lives in, {@code /ws}. Not the root context: once CXF
 * is installed, WebSockets in the root context fail (Jetty's upgrade filter is defined twice).
 */
@Component(service = ServletContextHelper.class, property = {
        "osgi.http.whiteboard.context.name=" + WebSocketContext.NAME,
        "osgi.http.whiteboard.context.path=/ws" })
public class WebSocketContext extends ServletContextHelper {

    static final String NAME = "stoa-websocket";
}
