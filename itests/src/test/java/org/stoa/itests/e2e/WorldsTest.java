package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event worlds on the assembled distribution, as an operator drives them: world:* and
 * token:* through bin/stoa, the REST API and login links over real HTTP.
 */
class WorldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURE = Path.of("../bundles/stoa-worlds/src/test/resources/sample-world.json");
    private static final Pattern TOKEN_URL = Pattern.compile("https://([a-z0-9.:-]+)/#token=([A-Za-z0-9._-]+)");

    private static StoaInstance stoa;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        stoa = StoaInstance.unpack("worlds", 500, Map.of());
        stoa.start();
        stoa.awaitStoa(Duration.ofMinutes(3), r -> r.output().startsWith("ID"), "world:list");
    }

    @AfterAll
    static void stop() throws Exception {
        if (stoa != null) {
            stoa.close();
        }
    }

    @Test
    void createAsksForIdTitleAndDomainAndReasksABadOrTakenId() throws Exception {
        stoa.stoa("world:create", "--id", "takenone", "--title", "Taken", "--domain", "taken.example.org");
        StoaInstance.Result created = stoa.stoaWithInput(
                "Not_Valid\ntakenone\nmyevent2020\nMy Event 2020\nvenueless.mydomain.com\n", "world:create");

        assertEquals(0, created.exit(), created.output());
        String out = created.output();
        assertTrue(out.contains("Enter the internal ID for the new world (alphanumeric): "), out);
        assertTrue(out.contains("Invalid ID \"Not_Valid\""), out);
        assertTrue(out.contains("World takenone already exists."), out);
        assertTrue(out.contains("Enter the title for the new world: "), out);
        assertTrue(out.contains("Enter the domain of the new world (e.g. myevent.example.org): "), out);
        assertTrue(out.contains("World created."), out);
        assertTrue(Pattern.compile("Default API keys: \\[\\{'issuer': 'any', 'audience': 'venueless', "
                + "'secret': '[A-Za-z0-9]{64}'}]").matcher(out).find(), out);
        JsonNode admin = claims(tokenIn(out));
        assertEquals("[\"admin\"]", admin.get("traits").toString());
        assertEquals(365L * 24 * 3600, admin.get("exp").asLong() - admin.get("iat").asLong());
        assertTrue(out.contains("https://venueless.mydomain.com/#token="), out);
        assertTrue(stoa.stoa("world:list").output().contains("myevent2020         My Event 2020"));
    }

    @Test
    void createFromFlagsNeverOverwritesAnExistingWorld() throws Exception {
        assertEquals(0, stoa.stoa("world:create", "--id", "flagged", "--title", "First", "--domain", "flagged.example.org").exit());
        StoaInstance.Result again = stoa.stoa("world:create", "--id", "flagged", "--title", "Second", "--domain", "other.example.org");

        assertNotEquals(0, again.exit());
        assertEquals(List.of("World flagged already exists."), again.lines());
        assertTrue(stoa.stoa("world:list").output().contains("flagged             First"));
    }

    @Test
    void createWithoutInputFailsAndCreatesNothing() throws Exception {
        StoaInstance.Result result = stoa.stoa("world:create", "--id", "noinput");

        assertNotEquals(0, result.exit());
        assertTrue(result.output().contains("input ended; nothing was changed"), result.output());
        assertTrue(stoa.sql("SELECT count(*) FROM worlds WHERE id = 'noinput'").equals("0"));
    }

    @Test
    void createRefusesAnInvalidIdGivenAsOption() throws Exception {
        StoaInstance.Result result = stoa.stoa("world:create", "--id", "Bad-Id", "--title", "x", "--domain", "bad.example.org");

        assertNotEquals(0, result.exit());
        assertEquals(1, result.lines().size(), result.output());
        assertTrue(result.output().startsWith("Invalid ID \"Bad-Id\""), result.output());
    }

    @Test
    void theOldCommandNamesStillWork() throws Exception {
        assertEquals(0, stoa.stoa("create_world", "--id", "aliased", "--title", "Alias", "--domain", "alias.example.org").exit());
        assertTrue(stoa.stoa("list_worlds").output().contains("aliased"));
        assertTrue(stoa.stoa("generate_token", "aliased", "--trait", "x", "--raw").output().startsWith("https://alias.example.org/#token="));
    }

    @Test
    void importOfTheSampleConfigThenReimportUpdatesInPlace() throws Exception {
        StoaInstance.Result first = stoa.stoa("world:import-config", FIXTURE.toAbsolutePath().toString(), "--domain", "sample.example.org");
        assertEquals(0, first.exit(), first.output());
        assertEquals("World sample created: 8 rooms created, 0 rooms updated, 2 exhibitors.", first.output().strip());

        StoaInstance.Result again = stoa.stoa("import_config", FIXTURE.toAbsolutePath().toString());
        assertEquals("World sample updated: 0 rooms created, 8 rooms updated, 2 exhibitors.", again.output().strip());
        assertEquals("8", stoa.sql("SELECT count(*) FROM rooms WHERE world_id = 'sample'"));
        assertEquals("2", stoa.sql("SELECT count(*) FROM exhibitors WHERE world_id = 'sample'"));
        assertEquals("sample.example.org", stoa.sql("SELECT domain FROM worlds WHERE id = 'sample'"));
    }

    @Test
    void fileNamesAreReadAndWrittenWhereTheOperatorTypesThemAndOtherWordsStayWords() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("operator"));
        Files.writeString(folder.resolve("world.json"), fixtureAs("infolder").toString());
        // A file that happens to carry the world's name must not turn the id into a path.
        Files.writeString(folder.resolve("infolder"), "");

        StoaInstance.Result imported = stoa.stoaIn(folder, "world:import-config", "world.json", "--domain", "infolder.example.org");
        assertEquals(0, imported.exit(), imported.output());
        StoaInstance.Result token = stoa.stoaIn(folder, "token:generate", "infolder", "--raw");
        assertTrue(token.output().startsWith("https://infolder.example.org/#token="), token.output());

        StoaInstance.Result exported = stoa.stoaIn(folder, "world:export-config", "infolder", "export.json");
        assertEquals("World infolder written to " + folder.resolve("export.json") + ".", exported.output().strip());
        assertEquals(JSON.readTree(stoa.stoa("world:export-config", "infolder").output()),
                JSON.readTree(folder.resolve("export.json").toFile()));

        StoaInstance.Result missing = stoa.stoaIn(folder, "world:export-config", "infolder", "no/such/dir/x.json");
        assertEquals(1, missing.exit());
        assertEquals("cannot write no/such/dir/x.json: no such file or directory", missing.output().strip());
    }

    @Test
    void exportWritesWhatImportReadsSoAWorldRoundTrips() throws Exception {
        importFixtureAs("roundtrip");
        Path exported = temp.resolve("roundtrip.json");
        Files.writeString(exported, stoa.stoa("world:export-config", "roundtrip").output());

        JsonNode original = JSON.readTree(FIXTURE.toFile());
        ((ObjectNode) original.get("world")).put("id", "roundtrip");
        // The one field the file leaves out that export writes: the second exhibitor's (empty) links.
        ((ObjectNode) original.at("/exhibitors/1")).putArray("links");
        assertEquals(original, JSON.readTree(exported.toFile()));

        StoaInstance.Result reimport = stoa.stoa("world:import-config", exported.toString());
        assertEquals(0, reimport.exit(), reimport.output());
        assertTrue(reimport.output().contains("0 rooms created, 8 rooms updated"), reimport.output());
        assertEquals(JSON.readTree(exported.toFile()), JSON.readTree(stoa.stoa("world:export-config", "roundtrip").output()));
    }

    @Test
    void badConfigFilesAreRefusedNamingThePathAndChangeNothing() throws Exception {
        importFixtureAs("badinput");
        String before = stoa.stoa("world:export-config", "badinput").output();
        ObjectNode config = fixtureAs("badinput");
        ((ObjectNode) config.get("world")).put("title", "Changed");
        ((ObjectNode) config.get("rooms").get(3)).remove("modules");

        assertRefused(config.toString(), "rooms[3].modules: missing");
        ((ObjectNode) config.get("rooms").get(3)).putArray("modules");
        config.put("sponsors", 1);
        assertRefused(config.toString(), "sponsors: unknown key");
        config.remove("sponsors");
        ((ObjectNode) config.get("world")).put("connection_limit", "two");
        assertRefused(config.toString(), "world.connection_limit: must be an integer");
        assertRefused("{\"world\": {", "invalid JSON");
        ((ObjectNode) config.get("world")).put("connection_limit", 2);
        ((ObjectNode) config.get("rooms").get(1)).put("name", "n".repeat(301));
        assertRefused(config.toString(), "rooms[1].name: at most 300 characters");
        config.remove("rooms");
        assertRefused(config.toString(), "rooms: missing");

        assertEquals(before, stoa.stoa("world:export-config", "badinput").output());
    }

    @Test
    void listShowsIdTitleCutAt32AndUrlSortedById() throws Exception {
        stoa.stoa("world:create", "--id", "zzlast", "--title", "A title that is much longer than thirty-two characters",
                "--domain", "zz.example.org");
        stoa.stoa("world:create", "--id", "aafirst", "--title", "First", "--domain", "aa.example.org");

        List<String> lines = stoa.stoa("world:list").lines();
        assertEquals("ID                  Title                             URL", lines.get(0));
        assertTrue(lines.contains("zzlast              A title that is much longer than  https://zz.example.org"), lines.toString());
        List<String> ids = lines.stream().skip(1).map(l -> l.split("\\s+")[0]).toList();
        assertEquals(ids.stream().sorted().toList(), ids);
    }

    @Test
    void cloneWithoutNewSecretsSharesTheSourceSecretsAndCopiesRooms() throws Exception {
        importFixtureAs("clonesource");
        StoaInstance.Result cloned = stoa.stoaWithInput("clonecopy\nThe Copy\ncopy.example.org\n", "world:clone", "clonesource");

        assertEquals(0, cloned.exit(), cloned.output());
        assertTrue(cloned.output().contains("World cloned."), cloned.output());
        assertEquals(secrets("clonesource"), secrets("clonecopy"));
        assertEquals("8", stoa.sql("SELECT count(*) FROM rooms WHERE world_id = 'clonecopy'"));
        assertEquals("0", stoa.sql("SELECT count(*) FROM rooms r JOIN rooms s ON r.id = s.id WHERE r.world_id = 'clonecopy' "
                + "AND s.world_id = 'clonesource'"));
    }

    @Test
    void cloneWithNewSecretsGetsItsOwn() throws Exception {
        importFixtureAs("clonesrc2");
        StoaInstance.Result cloned = stoa.stoa("clone_world", "clonesrc2", "--new-secrets", "--id", "clonenew",
                "--title", "New", "--domain", "clonenew.example.org");

        assertEquals(0, cloned.exit(), cloned.output());
        assertNotEquals(secrets("clonesrc2"), secrets("clonenew"));
        assertTrue(secrets("clonenew").matches("\\[\\{\"issuer\": \"any\", \"secret\": \"[A-Za-z0-9]{64}\", \"audience\": \"venueless\"}]"),
                secrets("clonenew"));
    }

    @Test
    void commandsNameAnUnknownWorld() throws Exception {
        for (String[] command : new String[][] {{"world:clone", "nosuchworld"}, {"world:export-config", "nosuchworld"},
            {"token:generate", "nosuchworld"}}) {
            StoaInstance.Result result = stoa.stoa(command);
            assertNotEquals(0, result.exit());
            assertEquals(List.of("unknown world: nosuchworld"), result.lines());
        }
    }

    @Test
    void generatedTokenCarriesEveryTraitAndOpensTheApi() throws Exception {
        stoa.stoa("world:create", "--id", "apiworld", "--title", "API", "--domain", "api.example.org");
        grantApiuser("apiworld");
        StoaInstance.Result generated = stoa.stoa("token:generate", "apiworld", "--trait", "api", "--trait", "extra",
                "more", "--days", "2", "--raw");
        assertEquals(0, generated.exit(), generated.output());
        String token = tokenIn(generated.output());
        JsonNode claims = claims(token);
        assertEquals("[\"api\",\"extra\",\"more\"]", claims.get("traits").toString());
        assertEquals("any", claims.get("iss").asText());
        assertEquals("venueless", claims.get("aud").asText());
        assertEquals(2L * 24 * 3600, claims.get("exp").asLong() - claims.get("iat").asLong());
        assertEquals("--days must be from 1 to 36500",
                stoa.stoa("token:generate", "apiworld", "--days", "2147483647").output().strip());
        assertEquals("missing value for option --trait", stoa.stoa("token:generate", "apiworld", "--trait").output().strip());

        HttpResponse<String> world = get("/api/v1/worlds/apiworld/", token);
        assertEquals(200, world.statusCode(), world.body());
        assertDetail(get("/api/v1/worlds/apiworld/rooms/?page=abc", token), 404, "Invalid page.");
        HttpResponse<String> broken = send("PATCH", "/api/v1/worlds/apiworld/", token, "{\"title\": \"secret-looking\", \"x\": [1");
        assertEquals(400, broken.statusCode());
        assertFalse(broken.body().contains("secret-looking"), broken.body());
        JsonNode body = JSON.readTree(world.body());
        assertEquals("apiworld", body.get("id").asText());
        assertEquals("api.example.org", body.get("domain").asText());
        assertTrue(body.get("roles").has("apiuser"));
    }

    @Test
    void theApiRefusesMissingBadAndUnderprivilegedTokens() throws Exception {
        stoa.stoa("world:create", "--id", "guarded", "--title", "Guarded", "--domain", "guarded.example.org");
        String attendee = stoa.rawToken("guarded", "attendee");
        String admin = stoa.rawToken("guarded", "admin");
        String secret = JSON.readTree(stoa.stoa("world:export-config", "guarded").output())
                .at("/world/JWT_secrets/0/secret").asText();
        String expired = JWT.create().withIssuer("any").withAudience("venueless").withClaim("uid", "u1")
                .withClaim("traits", List.of("api")).withExpiresAt(new Date(System.currentTimeMillis() - 60_000))
                .sign(Algorithm.HMAC256(secret));
        String otherSecret = JWT.create().withIssuer("any").withAudience("venueless").withClaim("uid", "u1")
                .withClaim("traits", List.of("api")).sign(Algorithm.HMAC256("not-the-secret"));

        assertDetail(get("/api/v1/worlds/guarded/", null), 403, "Authentication credentials were not provided.");
        assertDetail(get("/api/v1/worlds/guarded/", "garbage"), 403, "Invalid token.");
        assertDetail(get("/api/v1/worlds/guarded/", expired), 403, "Invalid token.");
        assertDetail(get("/api/v1/worlds/guarded/", otherSecret), 403, "Invalid token.");
        assertDetail(get("/api/v1/worlds/guarded/", attendee), 403, "You do not have permission to perform this action.");
        // admin has world:update but not world:api / world:secrets
        assertDetail(get("/api/v1/worlds/guarded/", admin), 403, "You do not have permission to perform this action.");
        assertDetail(get("/api/v1/worlds/nosuchworld/", admin), 404, "Not found.");
        // Refused by the JAX-RS runtime before any resource: still the detail body clients read.
        assertDetail(send("PUT", "/api/v1/worlds/guarded/", admin, "{}"), 405, "Method \"PUT\" not allowed.");
        assertDetail(get("/api/v1/nothing/here/", admin), 404, "Not found.");
        assertEquals("0", stoa.sql("SELECT count(*) FROM users WHERE world_id = 'guarded'"));
    }

    @Test
    void aPatchedWorldShowsInTheNextGetAndInTheExport() throws Exception {
        stoa.stoa("world:create", "--id", "patched", "--title", "Before", "--domain", "patched.example.org");
        String api = stoa.rawToken("patched", "api");
        grantApiuser("patched");

        HttpResponse<String> patched = send("PATCH", "/api/v1/worlds/patched/", api, "{\"title\": \"After\"}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("After", JSON.readTree(get("/api/v1/worlds/patched/", api).body()).get("title").asText());
        assertEquals("After", JSON.readTree(stoa.stoa("world:export-config", "patched").output()).at("/world/title").asText());

        HttpResponse<String> bad = send("PATCH", "/api/v1/worlds/patched/", api, "{\"config\": {\"JWT_secrets\": [{\"issuer\": \"x\"}]}}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(JSON.readTree(bad.body()).get("detail").asText().startsWith("config.JWT_secrets[0]"), bad.body());
    }

    @Test
    void roomsCanBeListedCreatedUpdatedAndDeletedWithTheRightPermissions() throws Exception {
        importFixtureAs("roomworld");
        String api = stoa.rawToken("roomworld", "api");
        String scheduler = stoa.rawToken("roomworld", "schedule-update");

        JsonNode page = JSON.readTree(get("/api/v1/worlds/roomworld/rooms/", api).body());
        assertEquals(8, page.get("count").asInt());
        assertTrue(page.get("next").isNull());
        assertEquals("About", page.get("results").get(0).get("name").asText());
        assertDetail(send("POST", "/api/v1/worlds/roomworld/rooms/", scheduler, "{\"name\": \"Nope\"}"), 403,
                "You do not have permission to perform this action.");

        HttpResponse<String> created = send("POST", "/api/v1/worlds/roomworld/rooms/", api,
                "{\"name\": \"Workshop\", \"module_config\": [{\"type\": \"chat.native\", \"config\": {}}]}");
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).get("id").asText();
        String room = "/api/v1/worlds/roomworld/rooms/" + id + "/";
        assertEquals(200, send("PATCH", room, api, "{\"description\": \"Bring a laptop\"}").statusCode());
        assertEquals("Bring a laptop", JSON.readTree(get(room, api).body()).get("description").asText());
        assertEquals(404, send("PATCH", room, scheduler, "{\"name\": \"x\"}").statusCode(), "a room it may not see");
        String viewer = tokenIn(stoa.stoa("token:generate", "roomworld", "--trait", "schedule-update", "global-viewer",
                "--raw").output());
        assertDetail(send("PATCH", room, viewer, "{\"name\": \"x\"}"), 403, "You do not have permission to perform this action.");
        assertDetail(send("DELETE", room, viewer, null), 403, "You do not have permission to perform this action.");
        assertEquals(400, send("PATCH", room, api, "{\"sorting_priority\": \"first\"}").statusCode());

        assertEquals(204, send("DELETE", room, api, null).statusCode());
        assertEquals(404, get(room, api).statusCode());
        assertEquals(8, JSON.readTree(get("/api/v1/worlds/roomworld/rooms/", api).body()).get("count").asInt());
        assertEquals("true", stoa.sql("SELECT deleted FROM rooms WHERE id = '" + id + "'"));
    }

    @Test
    void aShortLoginLinkRedirectsToTheClientWithItsToken() throws Exception {
        stoa.stoa("world:create", "--id", "shortlink", "--title", "Short", "--domain", "short.example.org");
        String link = stoa.stoa("token:generate", "shortlink", "--trait", "attendee").output().strip();
        Matcher m = Pattern.compile("https://short\\.example\\.org/login/([A-Za-z0-9]{24})").matcher(link);
        assertTrue(m.matches(), link);

        HttpResponse<String> login = get("/login/" + m.group(1), null);
        assertEquals(302, login.statusCode());
        String location = login.headers().firstValue("Location").orElseThrow();
        // Relative, as venueless answers: the browser stays on the host it reached the link through.
        assertTrue(location.startsWith("/#token="), location);
        assertEquals("[\"attendee\"]", claims(location.substring("/#token=".length())).get("traits").toString());

        HttpResponse<String> unknown = get("/login/AAAAAAAAAAAAAAAAAAAAAAAA", null);
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("unknown or has expired"), unknown.body());
    }

    private static void assertRefused(String config, String message) throws Exception {
        Path file = Files.createTempFile("bad-config", ".json");
        try {
            Files.writeString(file, config);
            StoaInstance.Result result = stoa.stoa("world:import-config", file.toString());
            assertNotEquals(0, result.exit());
            assertEquals(1, result.lines().size(), result.output());
            assertTrue(result.output().contains(message), result.output());
            assertTrue(result.output().contains("nothing was changed"), result.output());
        } finally {
            Files.delete(file);
        }
    }

    private static void assertDetail(HttpResponse<String> response, int status, String detail) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(detail, JSON.readTree(response.body()).get("detail").asText());
    }

    private void importFixtureAs(String id) throws Exception {
        Path file = temp.resolve(id + ".json");
        Files.writeString(file, fixtureAs(id).toString());
        StoaInstance.Result result = stoa.stoa("world:import-config", file.toString(), "--domain", id + ".example.org");
        assertEquals(0, result.exit(), result.output());
    }

    private static ObjectNode fixtureAs(String id) throws Exception {
        ObjectNode config = (ObjectNode) JSON.readTree(FIXTURE.toFile());
        ((ObjectNode) config.get("world")).put("id", id);
        return config;
    }

    /** The fixture's roles give the trait "api" the apiuser role; a created world has the defaults, so add it. */
    private static void grantApiuser(String world) throws Exception {
        stoa.sql("UPDATE worlds SET trait_grants = trait_grants || '{\"apiuser\": [\"api\"]}' WHERE id = '" + world + "'");
    }

    private static String secrets(String world) throws Exception {
        return stoa.sql("SELECT config->'JWT_secrets' FROM worlds WHERE id = '" + world + "'");
    }

    private static String tokenIn(String text) {
        Matcher m = TOKEN_URL.matcher(text);
        assertTrue(m.find(), text);
        return m.group(2);
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stoa.http() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
