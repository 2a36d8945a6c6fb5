package org.stoa.worlds.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.stoa.worlds.RoomChange;
import org.stoa.worlds.TraitRule;
import org.stoa.worlds.WorldChange;
import org.stoa.worlds.WorldException;
import org.stoa.worlds.internal.JsonForms;

/** API bodies read as typed changes, each mistake named by its field as the API answers it. */
class ChangeBodiesTest {

    @Test
    void aWorldBodyBecomesTheChangeItAsksFor() throws Exception {
        WorldChange change = ChangeBodies.world(body("{\"title\": \"After\", \"trait_grants\": {\"viewer\": [\"a\", [\"b\", \"c\"]]}}"));

        assertEquals("After", change.title());
        assertNull(change.domain());
        assertNull(change.config());
        assertNull(change.roles());
        assertEquals(TraitRule.of(List.of(List.of("a"), List.of("b", "c"))), change.traitGrants().get("viewer"));
    }

    @Test
    void aRoomBodyTellsAnAbsentPretalxIdFromANullOne() throws Exception {
        RoomChange named = ChangeBodies.room(body("{\"name\": \"Stage\", \"sorting_priority\": 4}"));
        assertEquals("Stage", named.name());
        assertEquals(4, named.sortingPriority());
        assertNull(named.pretalxId(), "absent: stays");

        assertEquals(Optional.empty(), ChangeBodies.room(body("{\"pretalx_id\": null}")).pretalxId());
        assertEquals(Optional.of(7), ChangeBodies.room(body("{\"pretalx_id\": 7}")).pretalxId());
    }

    @Test
    void mistakesAreNamedByTheirField() {
        assertEquals("color: unknown field", refusal(() -> ChangeBodies.room(body("{\"name\": \"x\", \"color\": 1}"))));
        assertEquals("sorting_priority: must be an integer", refusal(() -> ChangeBodies.room(body("{\"sorting_priority\": \"first\"}"))));
        assertEquals("name: must be a string", refusal(() -> ChangeBodies.room(body("{\"name\": 5}"))));
        assertEquals("module_config[0].type: missing", refusal(() -> ChangeBodies.room(body("{\"module_config\": [{}]}"))));
        assertEquals("title: must be a string", refusal(() -> ChangeBodies.world(body("{\"title\": [\"x\"]}"))));
        assertEquals("x: unknown field", refusal(() -> ChangeBodies.world(body("{\"x\": 1}"))));
        String secrets = refusal(() -> ChangeBodies.world(body("{\"config\": {\"JWT_secrets\": [{\"issuer\": \"x\"}]}}")));
        assertEquals(true, secrets.startsWith("config.JWT_secrets[0]"), secrets);
    }

    private interface Reading {
        Object read() throws WorldException;
    }

    private static String refusal(Reading reading) {
        return assertThrows(WorldException.class, reading::read).getMessage();
    }

    private static ObjectNode body(String json) {
        return (ObjectNode) JsonForms.parse(json);
    }
}
