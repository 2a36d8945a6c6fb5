package org.stoa.db.internal.migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The order in which modules are migrated together ({@code db:migrate}): by name, except that a
 * module comes after the modules it requires. A requirement that is absent or circular does not
 * hold a module back here; the module is then refused when its turn comes.
 */
public final class MigrationOrder {

    private MigrationOrder() {
    }

    public static <T> List<T> sort(List<T> modules, Function<T, MigrationDeclaration> declaration) {
        List<T> waiting = new ArrayList<>(modules);
        waiting.sort(Comparator.comparing(m -> declaration.apply(m).module()));
        Set<String> present = new HashSet<>();
        waiting.forEach(m -> present.add(declaration.apply(m).module()));
        Set<String> placed = new HashSet<>();
        List<T> order = new ArrayList<>();
        while (!waiting.isEmpty()) {
            T next = waiting.stream().filter(m -> declaration.apply(m).requires().stream()
                    .allMatch(r -> placed.contains(r) || !present.contains(r))).findFirst()
                    .orElse(waiting.get(0));
            waiting.remove(next);
            order.add(next);
            placed.add(declaration.apply(next).module());
        }
        return order;
    }
}
