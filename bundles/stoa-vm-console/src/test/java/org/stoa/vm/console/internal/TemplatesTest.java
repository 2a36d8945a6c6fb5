package org.stoa.vm.console.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The pages as FreeMarker renders them from the bundle's templates. */
class TemplatesTest {

    private final Templates templates = new Templates();

    @Test
    void whatACustomerTypedReachesThePageEscaped() throws Exception {
        String evil = "<script>alert(1)</script>\"'&";
        String html = templates.render("ssh", Page.model("base", "/capsul", "email", "a@example.org", "csrf", "c".repeat(43),
                "title", "SSH keys", "name", evil, "content", evil, "error", evil,
                "keys", List.of(Map.of("name", evil, "content", evil, "created", "2026-12-02 12:00 UTC"))));
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"), html);
    }

    @Test
    void everyFormOfACustomerPageCarriesTheSessionsCsrfToken() throws Exception {
        String csrf = "t".repeat(43);
        String html = templates.render("vm", Page.model("base", "/capsul", "email", "a@example.org", "csrf", csrf,
                "title", "capsul-1", "created", false, "cost", "0.18", "vm", Map.of("id", "capsul-1", "size", "f1-xs",
                        "os", "debian12", "state", "running", "ipv4", "192.0.2.1", "created", "2026-12-02 12:00 UTC")));
        int forms = html.split("<form").length - 1;
        int tokens = html.split("name=\"csrf\" value=\"" + csrf + "\"").length - 1;
        assertTrue(forms == 5 && tokens == forms, forms + " forms, " + tokens + " tokens: " + html);
    }
}
