package org.stoa.worlds.live;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.worlds.JoinContribution;
import org.stoa.worlds.Joiner;
import org.stoa.worlds.internal.JsonForms;

/**
 * The {@code authenticated} payload, assembled from the modules present now: every key the
 * venueless webapp reads starts at its empty default, then each {@link JoinContribution} sets
 * its own.
 */
@Component(service = JoinPayload.class)
public class JoinPayload {

    private static final Logger LOG = LoggerFactory.getLogger(JoinPayload.class);

    /** What the webapp expects of a module that has nothing for the user (or is not installed). */
    private static final Map<String, Supplier<JsonNode>> DEFAULTS = Map.of(
            "chat.channels", JsonForms.MAPPER::createArrayNode,
            "chat.read_pointers", JsonForms.MAPPER::createObjectNode,
            "chat.notification_counts", JsonForms.MAPPER::createObjectNode,
            "exhibition", () -> {
                ObjectNode exhibition = JsonForms.MAPPER.createObjectNode();
                exhibition.putArray("exhibitors");
                exhibition.putArray("contact_requests");
                return exhibition;
            },
            "announcements", JsonForms.MAPPER::createArrayNode);

    private final List<JoinContribution> contributions = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContribution(JoinContribution contribution) {
        contributions.add(contribution);
    }

    void removeContribution(JoinContribution contribution) {
        contributions.remove(contribution);
    }

    /** {@code user.config} and {@code world.config} from the world's view, then every module's keys. */
    ObjectNode build(WorldView view, LiveUser user) {
        ObjectNode payload = JsonForms.MAPPER.createObjectNode();
        payload.set("user.config", view.userConfig(user));
        payload.set("world.config", view.configFor(user.principal()));
        DEFAULTS.forEach((key, empty) -> payload.set(key, empty.get()));
        Joiner joiner = new Joiner(view.world(), user.id(), user.principal());
        for (JoinContribution contribution : contributions) {
            ObjectNode part = JsonForms.MAPPER.createObjectNode();
            try {
                contribution.contribute(joiner, part);
            } catch (RuntimeException e) {
                LOG.error("join contribution {} failed for world {}; its keys keep their defaults",
                        contribution.getClass().getName(), view.world().id(), e);
                continue;
            }
            // Contributed into a fresh object first, so a contribution that fails halfway leaves no half.
            payload.setAll(part);
        }
        return payload;
    }
}
