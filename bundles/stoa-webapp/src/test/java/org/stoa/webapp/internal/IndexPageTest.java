package org.stoa.webapp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.stoa.worlds.World;

class IndexPageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUILD = """
            <!DOCTYPE html>
            <html lang="en">
            <head><title>Venueless</title><script type="module" src="/assets/index-x.js"></script></head>
            <body><div id="app"></div></body>
            </html>""";

    private static World world(String title, String configJson, List<String> features) throws Exception {
        return new World("sample", title, "event.example.org", (ObjectNode) JSON.readTree(configJson), Map.of(),
                Map.of(), "de", "Europe/Berlin", features);
    }

    private static ObjectNode settingsIn(String page) throws Exception {
        int start = page.indexOf("window.venueless=") + "window.venueless=".length();
        return (ObjectNode) JSON.readTree(page.substring(start, page.indexOf("</script>", start)));
    }

    @Test
    void theSettingsStandBeforeTheBodyAsVenuelessWritesThem() throws Exception {
        String page = IndexPage.render(BUILD, world("Sample Conference",
                "{\"theme\": {\"colors\": {\"primary\": \"#180044\"}}, \"dateLocale\": \"de\"}", List.of("chat-moderation")),
                "event.example.org:8181", false);
        assertTrue(page.indexOf("window.venueless=") < page.indexOf("<body>"));
        assertTrue(page.contains("<title>Sample Conference</title>"));
        assertTrue(page.contains("<html lang=\"de\">"));
        assertEquals(JSON.readTree("""
                {"api": {"base": "/api/v1/worlds/sample/", "socket": "ws://event.example.org:8181/ws/world/sample/",
                         "upload": "/storage/upload/", "scheduleImport": "/storage/schedule_import/",
                         "feedback": "/_feedback/"},
                 "features": ["chat-moderation"], "externalAuthUrl": null, "locale": "de", "dateLocale": "de",
                 "theme": {"colors": {"primary": "#180044"}}, "videoPlayer": {}, "mux": {}}"""), settingsIn(page));
    }

    @Test
    void overTlsTheSocketIsWss() throws Exception {
        String page = IndexPage.render(BUILD, world("x", "{}", List.of()), "event.example.org", true);
        assertEquals("wss://event.example.org/ws/world/sample/", settingsIn(page).path("api").path("socket").asText());
        assertEquals("en-ie", settingsIn(page).path("dateLocale").asText(), "venueless's default date locale");
    }

    @Test
    void aHostileTitleOrThemeCannotLeaveItsPlace() throws Exception {
        String page = IndexPage.render(BUILD, world("</title><script>alert(1)</script>",
                "{\"theme\": {\"logo\": \"</script><script>alert(2)</script>\"}}", List.of()), "h", false);
        assertFalse(page.contains("<script>alert"), page);
        assertTrue(page.contains("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
        assertEquals("</script><script>alert(2)</script>", settingsIn(page).path("theme").path("logo").asText(),
                "escaped for the script, the value the app reads is the same");
    }

    @Test
    void aWorldWithItsOwnCssGetsTheStylesheetLink() throws Exception {
        String page = IndexPage.render(BUILD, world("x", "{\"theme\": {\"css\": \"body {color: red}\"}}", List.of()),
                "h", false);
        assertTrue(page.contains("<link rel=\"stylesheet\" href=\"/_custom.css\"><body>"));
    }
}
