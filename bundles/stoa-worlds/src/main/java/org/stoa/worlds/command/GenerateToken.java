package org.stoa.worlds.command;

import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.stoa.worlds.AccessLinks;
import org.stoa.worlds.World;
import org.stoa.worlds.WorldException;
import org.stoa.worlds.WorldService;
import org.stoa.shell.Failure;
import org.stoa.shell.TrailingOptions;

@Command(scope = "token", name = "generate", description = "Make an access link for a world, signed with its first secret")
@Service
public class GenerateToken implements Action {

    @Completion(WorldIdCompleter.class)
    @Argument(index = 0, name = "WORLD", required = true, description = "world id")
    String world;

    @Argument(index = 1, name = "OPTIONS", multiValued = true,
            description = "the options may also follow WORLD; --trait then takes several values, as venueless's did")
    List<String> trailing;

    @Option(name = "--trait", multiValued = true, description = "a trait the token carries; repeat for several")
    List<String> traits;

    // Read as text, so a bad value gets our one-line message wherever it is written.
    @Option(name = "--days", description = "days the token is valid (default 90)")
    String days = "90";

    @Option(name = "--raw", description = "print https://<domain>/#token=<JWT> instead of a short login link")
    boolean raw;

    @Reference
    WorldService worlds;

    @Reference
    AccessLinks links;

    @Override
    public Object execute() throws Exception {
        TrailingOptions more = TrailingOptions.read(trailing, Set.of("--raw"), Set.of("--days"), "--trait");
        List<String> all = more.all("--trait", traits);
        boolean rawUrl = raw || more.has("--raw");
        int validity = days(more.value("--days", days));
        try {
            World w = worlds.get(world);
            System.out.println(rawUrl ? links.tokenUrl(w, all, validity) : links.shortUrl(w, all, validity));
        } catch (WorldException e) {
            throw Failure.of(e.getMessage());
        }
        return null;
    }

    private static int days(String value) throws CommandException {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw Failure.of("--days must be a whole number of days, not " + value);
        }
    }
}
