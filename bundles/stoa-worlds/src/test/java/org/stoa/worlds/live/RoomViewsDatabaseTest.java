package org.stoa.worlds.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.connections.WorldEvents;
import org.stoa.db.ModuleSchema;
import org.stoa.db.testing.TestMigrations;
import org.stoa.db.testing.TestPostgres;
import org.stoa.worlds.internal.WorldServiceImpl;

/** Room views of nodes that are gone, on a real PostgreSQL with the bundle's migrations. */
class RoomViewsDatabaseTest {

    /** The cluster as this node sees it: itself and, while it lives, node-b. */
    private final class Cluster implements WorldEvents {
        volatile Set<String> live = Set.of("node-a", "node-b");

        @Override
        public void publish(String worldId, String type, JsonNode data) {
        }

        @Override
        public String nodeId() {
            return "node-a";
        }

        @Override
        public Set<String> liveNodes() {
            return live;
        }
    }

    private DataSource database;
    private LiveWorlds live;

    @BeforeEach
    void database() throws Exception {
        database = TestPostgres.dataSource(TestMigrations.newDatabaseWith("stoa-worlds", "db"));
        sql("INSERT INTO worlds (id, title, roles, trait_grants) VALUES ('w', 'W', '{}', '{}')");
        sql("INSERT INTO rooms (id, world_id, name) VALUES ('00000000-0000-0000-0000-00000000000a', 'w', 'Hall')");
        sql("INSERT INTO users (id, world_id, token_id) VALUES ('00000000-0000-0000-0000-0000000000a1', 'w', 'u1')");
        for (String node : new String[] { "node-a", "node-b", "node-c" }) {
            sql("INSERT INTO room_views (socket_id, room_id, user_id, node) VALUES ('s-" + node
                    + "', '00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-0000000000a1', '" + node + "')");
        }
    }

    @AfterEach
    void stop() {
        if (live != null) {
            live.stop();
        }
    }

    @Test
    void aNodeStartingUnderTheIdOfAnEarlierLifeDropsThatLifesRoomViews() throws Exception {
        live = new LiveWorlds(new WorldServiceImpl(schema()), new Cluster(), schema(), 3600);

        assertEquals("node-b,node-c", sql("SELECT string_agg(node, ',' ORDER BY node) FROM room_views"));
    }

    @Test
    void theRoomViewsOfDeadNodesAreSweptWhileTheNodeRuns() throws Exception {
        Cluster cluster = new Cluster();
        live = new LiveWorlds(new WorldServiceImpl(schema()), cluster, schema(), 1);
        cluster.live = Set.of("node-a");

        long deadline = System.currentTimeMillis() + 10_000;
        while (!"0".equals(sql("SELECT count(*) FROM room_views")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals("0", sql("SELECT count(*) FROM room_views"), "node-b died, node-c was dead before");
    }

    private ModuleSchema schema() {
        return new ModuleSchema() {
            @Override
            public String module() {
                return "stoa-worlds";
            }

            @Override
            public String version() {
                return "03";
            }

            @Override
            public DataSource dataSource() {
                return database;
            }
        };
    }

    private String sql(String statement) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            if (!s.execute(statement)) {
                return null;
            }
            try (ResultSet r = s.getResultSet()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }
}
