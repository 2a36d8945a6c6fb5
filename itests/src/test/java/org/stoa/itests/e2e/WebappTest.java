package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Attendees in the real venueless webapp (the production build in shared/fixtures), served by the
 * assembled distribution for a world's domain and driven in headless Chromium.
 */
class WebappTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLE_WORLD = Path.of(System.getProperty("stoa.sample.world"));
    private static final Path BUILD = Path.of(System.getProperty("stoa.webapp.build"));
    private static final Pattern SETTINGS = Pattern.compile("<script>window\\.venueless=(\\{.*?})</script>");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static StoaInstance stoa;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isRegularFile(BUILD.resolve("index.html")), "the webapp build of the fixtures is at " + BUILD);
        stoa = StoaInstance.unpack("webapp", 1500, Map.of("STOA_WEBAPP_DIR", BUILD.toAbsolutePath().toString()));
        port = URI.create(stoa.http()).getPort();
        stoa.start();
        stoa.awaitStoa(Duration.ofMinutes(3), r -> r.output().startsWith("ID"), "world:list");
        StoaInstance.Result imported = stoa.stoa("world:import-config", SAMPLE_WORLD.toString(), "--domain", "conf.test");
        assertEquals(0, imported.exit(), imported.output());
    }

    @AfterAll
    static void stop() throws Exception {
        if (stoa != null) {
            stoa.close();
        }
    }

    /** A request as a browser at {@code host} sends it, over a plain socket so the Host header is ours. */
    private static String[] rawGet(String host, String path, String... extraHeaders) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
            for (String header : extraHeaders) {
                request.append(header).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] response = socket.getInputStream().readAllBytes();
            String text = new String(response, StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            return new String[] { text.substring(0, split), text.substring(split + 4) };
        }
    }

    @Test
    void aWorldsDomainGetsTheIndexPageWithItsSettingsOnEveryAppRoute() throws Exception {
        for (String path : new String[] { "/", "/rooms/0d3cd2b7-7f3c-4b1e-9a6a-1c2d3e4f5a6b", "/preferences" }) {
            String[] response = rawGet("conf.test:" + port, path);
            assertTrue(response[0].startsWith("HTTP/1.1 200"), path + ": " + response[0]);
            assertTrue(response[0].toLowerCase().contains("cache-control: no-store"), response[0]);
            Matcher settings = SETTINGS.matcher(response[1]);
            assertTrue(settings.find(), response[1]);
            JsonNode venueless = JSON.readTree(settings.group(1));
            assertEquals("/api/v1/worlds/sample/", venueless.path("api").path("base").asText());
            assertEquals("ws://conf.test:" + port + "/ws/world/sample/", venueless.path("api").path("socket").asText());
            assertTrue(response[1].contains("<title>Unsere tolle Online-Konferenz</title>"), response[1]);
        }
        String[] behindTls = rawGet("conf.test", "/", "X-Forwarded-Proto: https");
        assertTrue(behindTls[1].contains("\"socket\":\"wss://conf.test/ws/world/sample/\""), behindTls[1]);
    }

    @Test
    void theBuildsFilesComeWithTheirTypesHashedAssetsCachedForAYearAndCompressed() throws Exception {
        String index = Files.readString(BUILD.resolve("index.html"));
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
        assertTrue(script.find());
        String[] asset = rawGet("conf.test", script.group(1), "Accept-Encoding: gzip");
        String head = asset[0].toLowerCase();
        assertTrue(head.startsWith("http/1.1 200"), asset[0]);
        assertTrue(head.contains("content-type: text/javascript"), asset[0]);
        assertTrue(head.contains("cache-control: public, max-age=31536000, immutable"), asset[0]);
        assertTrue(head.contains("content-encoding: gzip"), asset[0]);
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(asset[1].getBytes(StandardCharsets.ISO_8859_1)))
                .readAllBytes();
        assertEquals(Files.size(BUILD.resolve(script.group(1).substring(1))), unzipped.length);

        String[] icon = rawGet("conf.test", "/favicon.ico");
        assertTrue(icon[0].toLowerCase().contains("content-type: image/x-icon"), icon[0]);
        assertTrue(rawGet("conf.test", "/assets/index-gone.js")[0].startsWith("HTTP/1.1 404"),
                "a missing asset is no app route");
    }

    @Test
    void aHostThatIsNoWorldsDomainGetsAShortPageNamingIt() throws Exception {
        String[] response = rawGet("nobody.test", "/");
        assertTrue(response[0].startsWith("HTTP/1.1 404"), response[0]);
        assertTrue(response[1].contains("No event is at nobody.test."), response[1]);
    }

    @Test
    void aChangedDomainTakesEffectWithoutARestart() throws Exception {
        assertEquals(0, stoa.stoa("world:create", "--id", "moving", "--title", "Moving", "--domain", "before.test").exit());
        assertTrue(rawGet("before.test", "/")[1].contains("<title>Moving</title>"));
        // The default roles give the API's "apiuser" role nobody: grant it to the api trait, as WorldsTest does.
        stoa.sql("UPDATE worlds SET trait_grants = trait_grants || '{\"apiuser\": [\"api\"]}' WHERE id = 'moving'");
        HttpResponse<byte[]> changed = HTTP.send(HttpRequest.newBuilder(
                URI.create(stoa.http() + "/api/v1/worlds/moving/"))
                .header("Authorization", "Bearer " + stoa.rawToken("moving", "api"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"domain\": \"after.test\"}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, changed.statusCode(), new String(changed.body(), StandardCharsets.UTF_8));
        assertTrue(rawGet("before.test", "/")[0].startsWith("HTTP/1.1 404"));
        assertTrue(rawGet("after.test", "/")[1].contains("<title>Moving</title>"));
    }

    @Test
    void twoAttendeesPassTheGreetingSeeTheRoomsAndTalkInTheChatLive() throws Exception {
        String chat = stoa.sql("SELECT id FROM rooms WHERE world_id = 'sample' AND name = 'Chat'");
        try (Browser ada = new Browser("ada"); Browser grace = new Browser("grace")) {
            join(ada, "Ada Lovelace");
            join(grace, "Grace Hopper");
            for (Browser attendee : new Browser[] { ada, grace }) {
                String rooms = attendee.bodyText();
                for (String room : new String[] { "About", "Plenum", "Stage 2", "Exhibition Hall" }) {
                    assertTrue(rooms.contains(room), "room list shows " + room + ":\n" + rooms);
                }
            }

            for (Browser attendee : new Browser[] { ada, grace }) {
                joinChat(attendee, chat);
            }
            write(ada, "Hello from Ada");
            // The webapp shows a message only when the server pushes it back as chat.event.
            ada.await("Ada's message in her own chat", d -> ada.bodyText().contains("Hello from Ada"));
            grace.await("Ada's message arriving live for Grace", d -> grace.bodyText().contains("Hello from Ada"));
            grace.screenshot("chat-live");

            // After a reload the history is there (chat.fetch), and the profile too: no greeting again.
            grace.driver().navigate().refresh();
            grace.await("the chat history after a reload", d -> grace.bodyText().contains("Hello from Ada"));
            assertTrue(grace.driver().findElements(By.xpath("//*[contains(text(), 'Hi there!')]")).isEmpty(),
                    "no greeting after the profile was saved");
            grace.await("Grace's name in the chat", d -> grace.bodyText().contains("Grace Hopper"));
            grace.screenshot("chat-after-reload");

            // A moderator deletes Ada's message; it disappears for Ada, who sees it live.
            try (Browser mod = new Browser("moderator")) {
                join(mod, "Maude Moderator", moderatorToken());
                mod.open("http://conf.test:" + port + "/rooms/" + chat);
                mod.click("button", "Join chat");
                WebElement message = mod.await("Ada's message for the moderator", d -> d.findElements(
                        By.cssSelector(".c-chat-message")).stream()
                        .filter(e -> e.getText().contains("Hello from Ada")).findFirst().orElse(null));
                new Actions(mod.driver()).moveToElement(message).perform();
                // The message's own menu (⋮), after its emoji button; it shows while the pointer is on the message.
                List<WebElement> buttons = message.findElements(By.cssSelector(".actions button"));
                WebElement menu = buttons.get(buttons.size() - 1);
                ((JavascriptExecutor) mod.driver()).executeScript("arguments[0].click()", menu);
                mod.click(".delete-message", "Delete message");
                mod.click("#btn-delete-message", "Delete message");
                ada.await("the deleted message gone for Ada", d -> !ada.bodyText().contains("Hello from Ada"));
                mod.screenshot("deleted");
                ada.screenshot("after-moderator-deleted");
            }
        }
    }

    @Test
    void aProfileChangeShowsAndABannedUserIsThrownOut() throws Exception {
        String chat = stoa.sql("SELECT id FROM rooms WHERE world_id = 'sample' AND name = 'Chat'");
        try (Browser linus = new Browser("linus"); Browser margaret = new Browser("margaret")) {
            join(linus, "Linus Pauling");
            join(margaret, "Margaret Hamilton");
            for (Browser attendee : new Browser[] { linus, margaret }) {
                joinChat(attendee, chat);
            }
            write(linus, "Linus was here");
            margaret.await("Linus's message for Margaret", d -> margaret.bodyText().contains("Linus was here"));

            // Linus renames himself in his preferences; Margaret sees the new name by his message.
            linus.open("http://conf.test:" + port + "/preferences");
            WebElement name = linus.await("the display name field", d -> d.findElements(
                    By.cssSelector(".display-name input")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
            name.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
            name.sendKeys("Linus Carl Pauling");
            linus.click("#btn-save", "save");
            linus.await("the new name stored", d -> "Linus Carl Pauling".equals(sqlOrNull(
                    "SELECT profile->>'display_name' FROM users WHERE profile->>'display_name' LIKE 'Linus%'")));
            margaret.driver().navigate().refresh();
            margaret.await("Linus's new name in Margaret's chat", d -> margaret.bodyText().contains("Linus Carl Pauling"));
            margaret.screenshot("profile-changed");

            // An admin bans Margaret over the protocol: her browser reloads and is refused.
            String margaretId = stoa.sql("SELECT id FROM users WHERE world_id = 'sample' "
                    + "AND profile->>'display_name' = 'Margaret Hamilton'");
            try (WsClient admin = WsClient.open(stoa.http(), "sample")) {
                admin.authenticate(stoa.rawToken("sample", "admin"));
                WsClient.assertSuccess(admin.call("user.ban", Map.of("id", margaretId)));
            }
            margaret.await("the webapp's refusal for Margaret", d -> margaret.bodyText().contains("Access denied"));
            String refused = margaret.bodyText();
            assertTrue(refused.contains("You currently do not have permission to access this event"), refused);
            assertTrue(refused.contains("auth.denied"), refused);
            margaret.screenshot("banned");
        }
    }

    /** The query's answer, or null while it fails (for waits, which take no checked exceptions). */
    private static String sqlOrNull(String query) {
        try {
            return stoa.sql(query);
        } catch (Exception | AssertionError e) {
            return null;
        }
    }

    private static String moderatorToken() throws Exception {
        StoaInstance.Result generated = stoa.stoa("token:generate", "sample", "--trait", "attendee", "--trait",
                "moderator", "--raw");
        Matcher token = Pattern.compile("#token=([A-Za-z0-9._-]+)").matcher(generated.output());
        assertTrue(token.find(), generated.output());
        return token.group(1);
    }

    /** Opens the chat room and joins its chat, until the message field shows. */
    private void joinChat(Browser attendee, String chatRoom) throws Exception {
        attendee.open("http://conf.test:" + port + "/rooms/" + chatRoom);
        attendee.click("button", "Join chat");
        attendee.await("the message field", d -> d.findElements(By.cssSelector(".ql-editor")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Types a message into the chat's field and sends it with Enter, as an attendee does. */
    private static void write(Browser attendee, String text) {
        WebElement field = attendee.driver().findElement(By.cssSelector(".ql-editor"));
        field.click();
        field.sendKeys(text);
        field.sendKeys(Keys.ENTER);
    }

    private void join(Browser attendee, String displayName) throws Exception {
        join(attendee, displayName, stoa.rawToken("sample", "attendee"));
    }

    private void join(Browser attendee, String displayName, String token) throws Exception {
        attendee.open("http://conf.test:" + port + "/#token=" + token);
        attendee.withText("h1, h2, div", "Hi there!");
        attendee.await("the display name field", d -> d.findElements(By.cssSelector("input")).stream()
                .filter(e -> e.isDisplayed()).findFirst().orElse(null)).sendKeys(displayName);
        attendee.click("button", "Continue");
        // The greeting's optional steps: the generated avatar is kept, organization and bio left empty.
        attendee.withText("h1, h2, div", "Choose your look");
        attendee.click("button", "Continue");
        attendee.click("button", "Finish");
        attendee.withText("a, div, span", "Plenum");
        attendee.await("the greeting is gone",
                d -> d.findElements(By.xpath("//*[contains(text(), 'Hi there!')]")).isEmpty());
        attendee.screenshot("rooms");
    }
}
