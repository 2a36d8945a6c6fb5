package org.stoa.benchmarks.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Two generators' chat deliveries merged into one figure per message, as the report prints them. */
class ChatSummaryTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> report(RunStats s) {
        Options o = Options.parse(new String[] {"--mode", "echo", "ws://127.0.0.1:1/ws/world/w/"});
        return (Map<String, Object>) Json.parse(s.json(o));
    }

    @Test
    void aMessageIsTimedToItsLastDeliveryOverAllGeneratorsAndCountsWhoGotIt() {
        RunStats a = new RunStats();
        RunStats b = new RunStats();
        // message 0 sent at 1000: a's clients got it at 1010 and 1200, b's at 1500
        a.chatDelivered(0, 1000, 1010);
        a.chatDelivered(0, 1000, 1200);
        b.chatDelivered(0, 1000, 1500);
        // message 1 sent at 5000: only a's two clients got it, by 5100
        a.chatDelivered(1, 5000, 5050);
        a.chatDelivered(1, 5000, 5100);
        Map<String, String> merged = Summary.merge(List.of(report(a), report(b)));
        assertEquals("2", merged.get("chat_messages_seen"));
        assertEquals("2", merged.get("chat_fewest_deliveries"));
        assertEquals("5", merged.get("chat_deliveries"));
        assertEquals("0:3/500ms 1:2/100ms", merged.get("chat_each"));
        assertEquals("500.0", merged.get("chat_last_delivery_max_ms"));
    }
}
