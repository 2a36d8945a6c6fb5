package org.stoa.webapp.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.worlds.World;
import org.stoa.worlds.WorldService;
import org.stoa.webapp.internal.WebappBuild.BuildFile;

/**
 * Everything on the HTTP port that no other part of Stoa serves: the files of the webapp build
 * (the same for every world), and for every other path of a host that is a world's domain (the
 * app's own routes, {@code /rooms/…}, {@code /preferences}) its index page made for that world.
 */
@Component(service = Servlet.class, configurationPid = WebappConfiguration.PID, property = {
        "osgi.http.whiteboard.servlet.name=stoa-webapp",
        "osgi.http.whiteboard.servlet.pattern=/" })
@Designate(ocd = WebappConfiguration.class)
public class WebappServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebappServlet.class);

    /** Paths of Stoa's own APIs: a request for one that reaches us names nothing there, never an app route. */
    private static final List<String> STOA_PATHS = List.of("/api/", "/ws/", "/login/", "/hub/", "/spoke/",
            "/payments/", "/capsul/", "/storage/", "/_feedback/", "/metrics", "/health");

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final transient WorldService worlds;
    private transient volatile WebappBuild build;

    @Activate
    public WebappServlet(@Reference WorldService worlds, WebappConfiguration config) {
        this.worlds = worlds;
        configure(config);
    }

    @Modified
    void configure(WebappConfiguration config) {
        Path base = Path.of(System.getProperty("karaf.base", "."));
        build = new WebappBuild(base.resolve(config.directory()));
        if (build.present()) {
            LOG.info("webapp: serving the build in {}", build.root());
        } else {
            LOG.warn("webapp: no build in {} (no index.html): attendees get an error page until one is put there",
                    build.root());
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            page(response, 405, "Method not allowed", "This address only answers GET.");
            return;
        }
        String path = request.getRequestURI();
        for (String own : STOA_PATHS) {
            if (path.startsWith(own) || (path + "/").equals(own)) {
                page(response, 404, "Not found", "Nothing is at " + path + ".");
                return;
            }
        }
        WebappBuild current = build;
        // The build's own files are the same for every world: a page's dozens of them cost no world lookup.
        Optional<BuildFile> file = path.equals("/") || path.equals("/index.html") ? Optional.empty() : current.file(path);
        if (file.isPresent()) {
            BuildFile f = file.get();
            send(request, response, f.contentType(), path.startsWith("/assets/") ? IMMUTABLE : "no-cache", f.bytes(),
                    f.gzipped(), f.lastModifiedMillis());
            return;
        }
        if (path.startsWith("/assets/")) {
            // A hashed asset that is not there is an old page asking for the last build's files, not an app route.
            page(response, 404, "Not found", "Nothing is at " + path + ".");
            return;
        }
        String host = request.getServerName().toLowerCase(Locale.ROOT);
        Optional<World> world = world(host, request.getHeader("Host"));
        if (world.isEmpty()) {
            page(response, 404, "No event here", "No event is at " + host + ".");
            return;
        }
        if (!current.present()) {
            page(response, 503, "Not ready", "The event's web application is not installed on this server yet.");
            return;
        }
        if (path.equals("/_custom.css")) {
            byte[] css = world.get().config().path("theme").path("css").asText("").getBytes(StandardCharsets.UTF_8);
            send(request, response, "text/css; charset=utf-8", "no-cache", css, WebappBuild.gzip(css), -1);
            return;
        }
        index(request, response, current, world.get());
    }

    private Optional<World> world(String host, String hostHeader) {
        Optional<World> world = worlds.findByDomain(host);
        if (world.isEmpty() && hostHeader != null && !hostHeader.equalsIgnoreCase(host)) {
            // A world whose domain carries a port (a test or an internal host) is found by both.
            world = worlds.findByDomain(hostHeader.toLowerCase(Locale.ROOT));
        }
        return world;
    }

    private void index(HttpServletRequest request, HttpServletResponse response, WebappBuild current, World world)
            throws IOException {
        Optional<BuildFile> index = current.file("/index.html");
        if (index.isEmpty()) {
            page(response, 503, "Not ready", "The event's web application is not installed on this server yet.");
            return;
        }
        boolean secure = request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
        String host = request.getHeader("Host") == null ? request.getServerName() : request.getHeader("Host");
        byte[] html = IndexPage.render(new String(index.get().bytes(), StandardCharsets.UTF_8), world, host, secure)
                .getBytes(StandardCharsets.UTF_8);
        if (world.featureFlags().contains("cross-origin-isolation")) {
            response.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
            response.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
            response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        }
        send(request, response, "text/html; charset=utf-8", "no-store", html, WebappBuild.gzip(html), -1);
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, String contentType,
            String cacheControl, byte[] bytes, byte[] gzipped, long lastModified) throws IOException {
        response.setStatus(200);
        response.setContentType(contentType);
        response.setHeader("Cache-Control", cacheControl);
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (lastModified > 0) {
            response.setDateHeader("Last-Modified", lastModified);
        }
        byte[] body = bytes;
        if (gzipped != null) {
            response.setHeader("Vary", "Accept-Encoding");
            if (acceptsGzip(request.getHeader("Accept-Encoding")) && gzipped.length < bytes.length) {
                response.setHeader("Content-Encoding", "gzip");
                body = gzipped;
            }
        }
        response.setContentLength(body.length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(body);
        }
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] coding = part.trim().split(";");
            if (coding[0].trim().equalsIgnoreCase("gzip")) {
                return coding.length < 2 || !coding[1].replace(" ", "").equalsIgnoreCase("q=0");
            }
        }
        return false;
    }

    /** A short page a person can read: for unknown hosts, wrong methods, a missing build. */
    private static void page(HttpServletResponse response, int status, String title, String text) throws IOException {
        byte[] html = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title></head><body><h1>" + Html.escape(title) + "</h1><p>" + Html.escape(text)
                + "</p></body></html>\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(html.length);
        response.getOutputStream().write(html);
    }
}
