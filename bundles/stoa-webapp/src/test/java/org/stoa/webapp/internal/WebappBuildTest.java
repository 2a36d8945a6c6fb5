package org.stoa.webapp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebappBuildTest {

    @TempDir
    Path dir;

    private WebappBuild build() throws Exception {
        Path dist = Files.createDirectories(dir.resolve("dist"));
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve("index.html"), "<html><body></body></html>");
        Files.writeString(dist.resolve("assets/index-a1.js"), "console.log('hello')".repeat(50));
        Files.write(dist.resolve("pwa-64x64.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G' });
        Files.writeString(dist.resolve(".env"), "SECRET=1");
        Files.writeString(dir.resolve("outside.txt"), "not for the web");
        return new WebappBuild(dist);
    }

    @Test
    void aFileOfTheBuildComesWithItsTypeAndTextAlsoGzipped() throws Exception {
        WebappBuild build = build();
        var js = build.file("/assets/index-a1.js").orElseThrow();
        assertEquals("text/javascript; charset=utf-8", js.contentType());
        try (var unzipped = new GZIPInputStream(new ByteArrayInputStream(js.gzipped()))) {
            assertArrayEquals(js.bytes(), unzipped.readAllBytes());
        }
        var png = build.file("/pwa-64x64.png").orElseThrow();
        assertEquals("image/png", png.contentType());
        assertNull(png.gzipped(), "a PNG is compressed already");
        assertTrue(build.present());
    }

    @Test
    void nothingOutsideTheBuildNorHiddenNorAFolderIsAFile() throws Exception {
        WebappBuild build = build();
        assertFalse(build.file("/../outside.txt").isPresent());
        assertFalse(build.file("/assets/../../outside.txt").isPresent());
        assertFalse(build.file("/.env").isPresent());
        assertFalse(build.file("/assets").isPresent());
        assertFalse(build.file("/assets/").isPresent());
        assertFalse(build.file("/rooms/3f1e").isPresent());
        assertFalse(build.file("/").isPresent());
    }

    @Test
    void aFileChangedOnDiskIsServedAnew() throws Exception {
        WebappBuild build = build();
        assertEquals("<html><body></body></html>",
                new String(build.file("/index.html").orElseThrow().bytes(), StandardCharsets.UTF_8));
        Path index = dir.resolve("dist/index.html");
        Files.writeString(index, "<html><body>new build</body></html>");
        Files.setLastModifiedTime(index, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals("<html><body>new build</body></html>",
                new String(build.file("/index.html").orElseThrow().bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aFolderWithoutIndexIsNoBuild() {
        assertFalse(new WebappBuild(dir.resolve("missing")).present());
    }

    @Test
    void gzipIsTakenWhenTheBrowserAcceptsIt() {
        assertTrue(WebappServlet.acceptsGzip("gzip, deflate, br"));
        assertTrue(WebappServlet.acceptsGzip("br;q=1.0, gzip;q=0.8"));
        assertFalse(WebappServlet.acceptsGzip("gzip;q=0"));
        assertFalse(WebappServlet.acceptsGzip("br"));
        assertFalse(WebappServlet.acceptsGzip(null));
    }
}
