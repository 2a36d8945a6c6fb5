package org.stoa.chat.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stoa.chat.internal.ChatEvent;
import org.stoa.chat.internal.ChatRepository;
import org.stoa.connections.ActionException;
import org.stoa.db.ModuleSchema;
import org.stoa.db.Transactions;
import org.stoa.worlds.WorldMembers;

/** The chat tables for the handlers: transactions on chat's own schema, and what several handlers show. */
@Component(service = ChatStore.class)
public class ChatStore {

    /** Work that may refuse the client's action; a refusal rolls the transaction back. */
    interface Work<T> {
        T run(Connection c) throws SQLException, ActionException;
    }

    /** Carries a refusal out of a transaction, which knows only database failures. */
    private static final class Refused extends RuntimeException {
        private final ActionException refusal;

        Refused(ActionException refusal) {
            super(refusal.code(), null, false, false);
            this.refusal = refusal;
        }
    }

    private final Transactions<IllegalStateException> transactions;
    private final ChatRepository repository = new ChatRepository();
    private final WorldMembers members;

    @Activate
    public ChatStore(@Reference(target = "(" + ModuleSchema.MODULE + "=stoa-chat)") ModuleSchema schema,
            @Reference WorldMembers members) {
        this.transactions = new Transactions<>(schema.dataSource(), IllegalStateException::new);
        this.members = members;
    }

    ChatRepository repository() {
        return repository;
    }

    /** Runs the work in one transaction; a database failure is the client's server.fatal. */
    <T> T inTransaction(Work<T> work) throws ActionException {
        try {
            return transactions.inTransaction(c -> {
                try {
                    return work.run(c);
                } catch (ActionException e) {
                    throw new Refused(e);
                }
            });
        } catch (Refused r) {
            throw r.refusal;
        }
    }

    /** The transaction for work that never refuses. */
    <T> T read(Transactions.Work<T, IllegalStateException> work) {
        return transactions.inTransaction(work);
    }

    /**
     * {@code chat.channels} of the user: the channels they joined for good and did not hide, each
     * with its newest message's id, direct ones with their members.
     */
    ArrayNode channelList(String worldId, UUID user) {
        List<ChatRepository.Membership> joined = read(c -> repository.channelsOf(c, worldId, user));
        ArrayNode channels = ChatEvent.JSON.createArrayNode();
        for (ChatRepository.Membership m : joined) {
            ObjectNode channel = channels.addObject();
            channel.put("id", m.channel().toString());
            channel.put("unread_pointer", m.unreadPointer());
            if (m.direct()) {
                List<UUID> ids = read(c -> repository.members(c, m.channel()));
                ArrayNode list = channel.putArray("members");
                publicUsers(worldId, ids).values().forEach(list::add);
            }
        }
        return channels;
    }

    Map<UUID, ObjectNode> publicUsers(String worldId, List<UUID> ids) {
        return members.publicUsers(worldId, new ArrayList<>(ids));
    }
}
