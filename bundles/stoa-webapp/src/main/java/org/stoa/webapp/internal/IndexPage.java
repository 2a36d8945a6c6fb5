package org.stoa.webapp.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stoa.worlds.World;

/**
 * The build's {@code index.html} made the page of one world, as venueless's server makes it:
 * the world's title, its locale as the page language, and before {@code <body>} the settings the
 * webapp reads from {@code window.venueless} (where its API and socket are, the world's feature
 * flags, theme, locale). Unlike venueless, every value is escaped for where it lands, so a
 * world's title or theme cannot end the script or the title early.
 */
final class IndexPage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TITLE = Pattern.compile("<title>[^<]*</title>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HTML = Pattern.compile("<html[^>]*>", Pattern.CASE_INSENSITIVE);

    private IndexPage() {
    }

    /**
     * @param host   the Host header as the browser sent it (the socket goes back to the same host and port)
     * @param secure whether the browser reached us over TLS (directly or through a proxy that said so)
     */
    static String render(String source, World world, String host, boolean secure) {
        String page = TITLE.matcher(source).replaceFirst(Matcher.quoteReplacement(
                "<title>" + Html.escape(world.title()) + "</title>"));
        String settings = "<script>window.venueless=" + scriptSafe(settings(world, host, secure)) + "</script>";
        if (!world.config().path("theme").path("css").asText("").isEmpty()) {
            settings += "<link rel=\"stylesheet\" href=\"/_custom.css\">";
        }
        int body = page.indexOf("<body");
        page = body < 0 ? page + settings : page.substring(0, body) + settings + page.substring(body);
        String locale = world.locale() == null ? "en" : world.locale();
        return HTML.matcher(page).replaceFirst(Matcher.quoteReplacement("<html lang=\"" + Html.escape(locale) + "\">"));
    }

    static ObjectNode settings(World world, String host, boolean secure) {
        ObjectNode settings = JSON.createObjectNode();
        ObjectNode api = settings.putObject("api");
        api.put("base", "/api/v1/worlds/" + world.id() + "/");
        api.put("socket", (secure ? "wss" : "ws") + "://" + host + "/ws/world/" + world.id() + "/");
        api.put("upload", "/storage/upload/");
        api.put("scheduleImport", "/storage/schedule_import/");
        api.put("feedback", "/_feedback/");
        world.featureFlags().forEach(settings.putArray("features")::add);
        settings.putNull("externalAuthUrl");
        settings.put("locale", world.locale() == null ? "en" : world.locale());
        settings.put("dateLocale", world.config().path("dateLocale").asText("en-ie"));
        settings.set("theme", objectOrEmpty(world.config().get("theme")));
        settings.set("videoPlayer", objectOrEmpty(world.config().get("videoPlayer")));
        settings.set("mux", objectOrEmpty(world.config().get("mux")));
        return settings;
    }

    private static JsonNode objectOrEmpty(JsonNode value) {
        return value != null && value.isObject() ? value : JSON.createObjectNode();
    }

    /**
     * JSON that may stand inside a {@code <script>}: {@code <}, {@code >} and {@code &} only occur
     * inside JSON strings, where their \\u escapes mean the same, and the line separators JavaScript
     * once refused are escaped too.
     */
    static String scriptSafe(JsonNode value) {
        String text;
        try {
            text = JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
}
