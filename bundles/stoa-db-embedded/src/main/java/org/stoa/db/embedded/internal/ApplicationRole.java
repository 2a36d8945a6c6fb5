package org.stoa.db.embedded.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * The login role the application uses: no superuser, no CREATEDB, no CREATEROLE, no replication,
 * owner of the application's database and of everything in it, so migrations, {@code db:restore}
 * ({@code DISABLE TRIGGER USER} needs the owner) and {@code db:sql} work while server files, programs
 * and settings stay out of reach. Set up by the superuser at every start; a new password each time.
 *
 * <p>Releases before this one let the application use the superuser, which therefore owns a database
 * made by them: the first start hands every object in it to this role. {@code REASSIGN OWNED} cannot
 * do that (objects of the bootstrap superuser count as the system's), so each kind is altered in turn,
 * all in one statement: it takes effect whole or not at all, and ownership changes touch no row.
 */
public final class ApplicationRole {

    /** Every schema but PostgreSQL's own. */
    private static final String USER_SCHEMA = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";
    private static final String NOT_IN_AN_EXTENSION =
            "NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = %s AND d.deptype = 'e')";

    private final int port;
    private final String superuser;
    private final String superuserPassword;

    public ApplicationRole(int port, String superuser, String superuserPassword) {
        this.port = port;
        this.superuser = superuser;
        this.superuserPassword = superuserPassword;
    }

    /**
     * Creates {@code role} (or resets its attributes), gives it a new password, creates {@code database}
     * owned by it unless it exists, and hands it whatever in that database another role owns.
     *
     * @param database, role names already checked to need no quoting
     * @return the role's new password
     */
    public String provide(String database, String role) throws IOException {
        if (role.equals(superuser)) {
            throw new IllegalArgumentException("the application's role must not be the superuser '" + superuser + "'");
        }
        String password = PasswordFile.generate();
        String verifier;
        try {
            verifier = ScramSha256.verifier(password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot compute a SCRAM-SHA-256 password verifier: " + e.getMessage(), e);
        }
        try (AdminConnection connection = AdminConnection.open(port, superuser, superuserPassword, "postgres")) {
            connection.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN "
                    + "CREATE ROLE \"" + role + "\"; END IF; END $$");
            connection.execute("ALTER ROLE \"" + role + "\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
                    + "NOBYPASSRLS INHERIT PASSWORD '" + verifier + "'");
            try {
                connection.execute("CREATE DATABASE \"" + database + "\" OWNER \"" + role + "\"");
            } catch (AdminConnection.ServerError e) {
                if (!e.alreadyExists()) {
                    throw e;
                }
                connection.execute("ALTER DATABASE \"" + database + "\" OWNER TO \"" + role + "\"");
            }
        }
        try (AdminConnection connection = AdminConnection.open(port, superuser, superuserPassword, database)) {
            connection.execute(handOver(role));
        }
        return password;
    }

    /** One DO block giving {@code role} every schema, relation, routine and type of the database it lacks. */
    private static String handOver(String role) {
        String app = "to_regrole('" + role + "')";
        return """
                DO $$
                DECLARE r record;
                BEGIN
                  FOR r IN SELECT n.nspname FROM pg_namespace n WHERE %1$s AND n.nspowner <> %2$s LOOP
                    EXECUTE format('ALTER SCHEMA %%I OWNER TO "%3$s"', r.nspname);
                  END LOOP;
                  -- Tables first: their serial and identity sequences follow them and refuse to move alone.
                  FOR r IN SELECT c.oid::regclass AS rel, c.relkind FROM pg_class c
                      JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE %1$s AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND c.relowner <> %2$s
                        AND %4$s
                      ORDER BY c.relkind = 'S' LOOP
                    CONTINUE WHEN (SELECT relowner FROM pg_class WHERE oid = r.rel) = %2$s;
                    EXECUTE format('ALTER %%s %%s OWNER TO "%3$s"', CASE r.relkind WHEN 'v' THEN 'VIEW'
                        WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE'
                        ELSE 'TABLE' END, r.rel);
                  END LOOP;
                  FOR r IN SELECT p.oid::regprocedure AS routine FROM pg_proc p
                      JOIN pg_namespace n ON n.oid = p.pronamespace
                      WHERE %1$s AND p.proowner <> %2$s AND %5$s LOOP
                    EXECUTE format('ALTER ROUTINE %%s OWNER TO "%3$s"', r.routine);
                  END LOOP;
                  -- Enums, domains, ranges and free-standing composite types; the rest follow their owners.
                  FOR r IN SELECT t.oid::regtype AS type FROM pg_type t
                      JOIN pg_namespace n ON n.oid = t.typnamespace
                      WHERE %1$s AND t.typowner <> %2$s AND %6$s
                        AND (t.typtype IN ('e', 'd', 'r')
                             OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')) LOOP
                    EXECUTE format('ALTER TYPE %%s OWNER TO "%3$s"', r.type);
                  END LOOP;
                END $$
                """.formatted(USER_SCHEMA, app, role, NOT_IN_AN_EXTENSION.formatted("c.oid"),
                NOT_IN_AN_EXTENSION.formatted("p.oid"), NOT_IN_AN_EXTENSION.formatted("t.oid"));
    }
}
