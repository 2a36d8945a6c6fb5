package org.stoa.vm.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * One answer of the console: the headers every page carries (no scripts, no framing, no
 * referrer that could leak a login link, no caching of a customer's data) and its HTML.
 */
final class Page {

    static final String CSP = csp("'self'");

    private Page() {
    }

    /** The policy with the places forms may go; a payment form's redirect goes on to the provider. */
    static String csp(String formAction) {
        return "default-src 'none'; style-src 'self'; img-src 'self'; form-action " + formAction
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    static void headers(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cache-Control", "no-store");
    }

    static void html(HttpServletResponse response, int status, String html) throws IOException {
        html(response, status, html, CSP);
    }

    static void html(HttpServletResponse response, int status, String html, String csp) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        headers(response);
        response.setHeader("Content-Security-Policy", csp);
        response.setStatus(status);
        response.setContentType("text/html; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** After a form: the browser asks for {@code path} (under the console) with GET. */
    static void redirect(HttpServletResponse response, String location) {
        headers(response);
        response.setStatus(303);
        response.setHeader("Location", location);
    }

    static boolean secure(HttpServletRequest request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }

    /** {@code Set-Cookie} by hand: the Servlet 3.1 API has no SameSite. */
    static void cookie(HttpServletRequest request, HttpServletResponse response, String name, String value, String path,
            long maxAgeSeconds) {
        response.addHeader("Set-Cookie", name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Lax" + (secure(request) ? "; Secure" : ""));
    }

    static String cookie(HttpServletRequest request, String name) {
        String header = request.getHeader("Cookie");
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                return part.substring(eq + 1).trim();
            }
        }
        return null;
    }

    static Map<String, Object> model(Object... keysAndValues) {
        Map<String, Object> model = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            model.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return model;
    }
}
