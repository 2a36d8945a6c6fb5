package org.stoa.db.internal.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** db:migrate's order: by name, a module after the modules its schema builds on. */
class MigrationOrderTest {

    private static List<String> order(MigrationDeclaration... modules) {
        return MigrationOrder.sort(List.of(modules), Function.identity()).stream().map(MigrationDeclaration::module).toList();
    }

    @Test
    void modulesWithoutRequirementsGoByName() {
        assertEquals(List.of("a", "b", "c"), order(new MigrationDeclaration("c", "db"), new MigrationDeclaration("a", "db"),
                new MigrationDeclaration("b", "db")));
    }

    @Test
    void aModuleComesAfterTheModulesItRequires() {
        assertEquals(List.of("stoa-db", "stoa-vm-hub", "stoa-payments", "stoa-worlds"), order(
                new MigrationDeclaration("stoa-payments", "db", List.of("stoa-vm-hub")),
                new MigrationDeclaration("stoa-worlds", "db"),
                new MigrationDeclaration("stoa-vm-hub", "db"),
                new MigrationDeclaration("stoa-db", "db")));
    }

    @Test
    void anAbsentRequirementHoldsNothingBackAndACycleStillPlacesEachModuleOnce() {
        assertEquals(List.of("c", "a", "b"), order(new MigrationDeclaration("a", "db", List.of("b")),
                new MigrationDeclaration("b", "db", List.of("a")), new MigrationDeclaration("c", "db", List.of("gone"))));
    }

    @Test
    void theRequiresHeaderIsACommaSeparatedList() {
        assertEquals(List.of("stoa-vm-hub", "stoa-tokens"), MigrationDeclaration.requires(" stoa-vm-hub, stoa-tokens ,,stoa-vm-hub"));
        assertEquals(List.of(), MigrationDeclaration.requires(null));
    }
}
