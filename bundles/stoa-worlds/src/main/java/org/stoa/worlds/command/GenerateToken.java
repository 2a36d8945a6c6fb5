package org.stoa.worlds.command;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.worlds.AccessLinks;
import org.stoa.worlds.World;
import org.stoa.worlds.WorldException;
import org.stoa.worlds.WorldService;

@Command(scope = "token", name = "generate", description = "Make an access link for a world, signed with its first secret")
@Service
public class GenerateToken implements Action {

    @Argument(index = 0, name = "WORLD", required = true, description = "world id")
    String world;

    /** venueless took {@code --trait a b c}; here the values after the first land in the arguments. */
    @Argument(index = 1, name = "TRAIT", multiValued = true, description = "more trait values after --trait")
    List<String> moreTraits;

    @Option(name = "--trait", multiValued = true, description = "a trait the token carries; repeat for several")
    List<String> traits;

    @Option(name = "--days", description = "days the token is valid (default 90)")
    int days = 90;

    @Option(name = "--raw", description = "print https://<domain>/#token=<JWT> instead of a short login link")
    boolean raw;

    @Reference
    WorldService worlds;

    @Reference
    AccessLinks links;

    @Override
    public Object execute() throws Exception {
        if (moreTraits != null && traits == null) {
            throw Failure.of("unexpected argument: " + moreTraits.get(0) + " (traits are given with --trait)");
        }
        List<String> all = new ArrayList<>();
        if (traits != null) {
            all.addAll(traits);
        }
        if (moreTraits != null) {
            all.addAll(moreTraits);
        }
        try {
            World w = worlds.get(world);
            System.out.println(raw ? links.tokenUrl(w, all, days) : links.shortUrl(w, all, days));
        } catch (WorldException e) {
            throw Failure.of(e.getMessage());
        }
        return null;
    }
}
