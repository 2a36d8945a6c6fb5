package org.stoa.worlds.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Component;
import org.stoa.connections.Action;
import org.stoa.connections.ActionException;
import org.stoa.connections.ActionHandler;
import org.stoa.connections.Client;
import org.stoa.worlds.internal.JsonForms;

/**
 * The reads the venueless webapp makes of modules Stoa does not have yet (Q&A, polls,
 * announcements, exhibitions, posters): they answer as those modules answer a world that has
 * none, so the webapp's rooms open instead of failing on an unknown command. Any bundle that
 * serves one of these namespaces for real outranks this one (its ranking is below the default).
 */
@Component(service = ActionHandler.class, property = {
        ActionHandler.NAMESPACE + "=question", ActionHandler.NAMESPACE + "=poll",
        ActionHandler.NAMESPACE + "=announcement", ActionHandler.NAMESPACE + "=exhibition",
        ActionHandler.NAMESPACE + "=poster", "service.ranking:Integer=-1000" })
public class AbsentModules implements ActionHandler {

    @Override
    public boolean handle(Client client, Action action) throws ActionException {
        switch (action.name()) {
            case "question.list", "poll.list", "announcement.list", "poster.list", "poster.list.all" ->
                    client.reply(action, JsonForms.MAPPER.createArrayNode());
            case "exhibition.list", "exhibition.list.all", "exhibition.get.staffed_by_user" ->
                    client.reply(action, noExhibitors());
            case "exhibition.get" -> throw new ActionException("exhibition.unknown_exhibitor");
            case "poster.get" -> throw new ActionException("poster.unknown_poster");
            default -> {
                return false;
            }
        }
        return true;
    }

    private static JsonNode noExhibitors() {
        ObjectNode body = JsonForms.MAPPER.createObjectNode();
        body.putArray("exhibitors");
        return body;
    }
}
