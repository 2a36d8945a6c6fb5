package org.stoa.vm.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.vm.console.internal.Logins.Session;

/**
 * The console's HTTP door: logging in and out by mailed link, then every customer page behind
 * the session cookie. A form posted without its session's CSRF token is refused and does nothing.
 */
final class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServlet.class);
    static final String SESSION_COOKIE = "capsul_session";
    /** Before login there is no session: the login form's token is also a cookie (double submit). */
    static final String LOGIN_COOKIE = "capsul_login";

    private final transient Logins logins;
    private final transient LoginMail mail;
    private final transient CustomerPages customers;
    private final transient Templates templates;
    private final String baseUrl;
    private final long sessionSeconds;

    ConsoleServlet(Logins logins, LoginMail mail, CustomerPages customers, Templates templates, String baseUrl,
            long sessionSeconds) {
        this.logins = logins;
        this.mail = mail;
        this.customers = customers;
        this.templates = templates;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.sessionSeconds = sessionSeconds;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding("UTF-8");
        String base = request.getContextPath() + request.getServletPath();
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        boolean post = request.getMethod().equals("POST");
        if (!post && !request.getMethod().equals("GET")) {
            response.setHeader("Allow", "GET, POST");
            error(response, base, 405, "Method not allowed", "The console answers GET and POST only.");
            return;
        }
        try {
            if (path.equals("/static/console.css")) {
                css(response);
            } else if (path.equals("/auth/login")) {
                login(request, response, base, post);
            } else if (path.startsWith("/auth/magic/")) {
                magic(request, response, base, path.substring("/auth/magic/".length()));
            } else {
                customer(request, response, base, path, post);
            }
        } catch (ConsoleException e) {
            error(response, base, 503, "Not available", e.getMessage());
        }
    }

    private void customer(HttpServletRequest request, HttpServletResponse response, String base, String path, boolean post)
            throws IOException, ConsoleException {
        Optional<Session> session = logins.session(Page.cookie(request, SESSION_COOKIE));
        if (session.isEmpty()) {
            Page.redirect(response, base + "/auth/login");
            return;
        }
        if (post && !Secrets.same(session.get().csrf(), request.getParameter("csrf"))) {
            error(response, base, 403, "Form refused",
                    "This form did not come from your console page, or is too old. Go back, reload the page and try again.");
            return;
        }
        if (post && path.equals("/auth/logout")) {
            logins.close(session.get().token());
            Page.cookie(request, response, SESSION_COOKIE, "", base + "/", 0);
            Page.redirect(response, base + "/auth/login");
            return;
        }
        if (!customers.serve(request, response, base, path, post, session.get())) {
            error(response, base, 404, "Not found", "There is nothing at this address in your console.");
        }
    }

    private void login(HttpServletRequest request, HttpServletResponse response, String base, boolean post)
            throws IOException, ConsoleException {
        String csrf = Page.cookie(request, LOGIN_COOKIE);
        if (csrf == null || csrf.length() < 32) {
            csrf = Secrets.token();
            Page.cookie(request, response, LOGIN_COOKIE, csrf, base + "/auth/", 3600);
        }
        Map<String, Object> model = Page.model("base", base, "title", "Log in", "csrf", csrf, "email", "",
                "mailReady", mail.configured());
        if (!post) {
            Page.html(response, 200, templates.render("login", model));
            return;
        }
        String email = String.valueOf(request.getParameter("email"));
        model.put("email", email);
        if (!Secrets.same(csrf, request.getParameter("csrf"))) {
            model.put("error", "This form is too old. Please enter your email again.");
            Page.html(response, 403, templates.render("login", model));
            return;
        }
        if (!mail.configured()) {
            model.put("error", "Logging in is not possible yet: this server cannot send mail. Please tell its operator.");
            Page.html(response, 503, templates.render("login", model));
            return;
        }
        String address;
        String token;
        try {
            address = Logins.address(email);
            token = logins.issue(address);
        } catch (ConsoleException e) {
            model.put("error", e.getMessage());
            Page.html(response, 400, templates.render("login", model));
            return;
        }
        try {
            mail.send(address, baseUrl + "/auth/magic/" + token);
        } catch (IOException e) {
            LOG.warn("console: the login link for {} could not be mailed: {}", address, e.getMessage());
            model.put("error", "The login mail could not be sent just now. Please try again in a few minutes.");
            Page.html(response, 503, templates.render("login", model));
            return;
        }
        // The same answer whether or not the address has an account: a first login makes it.
        Page.html(response, 200, templates.render("login-sent", Page.model("base", base, "title", "Check your mail",
                "email", address)));
    }

    private void magic(HttpServletRequest request, HttpServletResponse response, String base, String token)
            throws IOException, ConsoleException {
        Optional<String> email = logins.redeem(token);
        if (email.isEmpty()) {
            error(response, base, 400, "Link not valid", "This login link was used already, is older than "
                    + Logins.LINK_LIFETIME.toMinutes() + " minutes, or is incomplete. Ask for a new one.");
            return;
        }
        customers.openAccount(email.get());
        Session session = logins.open(email.get());
        Page.cookie(request, response, SESSION_COOKIE, session.token(), base + "/", sessionSeconds);
        Page.redirect(response, base + "/console/");
    }

    private void css(HttpServletResponse response) throws IOException {
        try (InputStream in = ConsoleServlet.class.getResourceAsStream("/static/console.css")) {
            byte[] body = in.readAllBytes();
            Page.headers(response);
            response.setHeader("Cache-Control", "public, max-age=3600");
            response.setContentType("text/css; charset=utf-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    private void error(HttpServletResponse response, String base, int status, String title, String text) throws IOException {
        Page.html(response, status, templates.render("message", Page.model("base", base, "title", title, "text", text)));
    }
}
