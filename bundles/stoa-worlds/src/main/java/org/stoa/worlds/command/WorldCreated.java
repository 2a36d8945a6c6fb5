package org.stoa.worlds.command;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

import org.stoa.tokens.JwtSecret;
import org.stoa.worlds.AccessLinks;
import org.stoa.worlds.World;
import org.stoa.worlds.WorldException;

/** What world:create and world:clone print about the new world: its keys and an admin link. */
final class WorldCreated {

    private WorldCreated() {
    }

    static void print(PrintStream out, String headline, World world, AccessLinks links) throws WorldException {
        out.println(headline);
        out.println("Default API keys: " + pythonStyle(world.secrets()));
        out.println("Admin url:");
        out.println(links.tokenUrl(world, List.of("admin"), 365));
    }

    /** The list as the Python tools printed it, which operators' notes and scripts quote. */
    static String pythonStyle(List<JwtSecret> secrets) {
        return secrets.stream()
                .map(s -> "{'issuer': '" + s.issuer() + "', 'audience': '" + s.audience() + "', 'secret': '" + s.secret() + "'}")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
