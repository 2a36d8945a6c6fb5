-- The identity of this Stoa installation: one row, created with the schema. Nodes that share
-- the database share it, which is how they know they belong to the same cluster.
CREATE TABLE stoa_installation (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    created     timestamptz NOT NULL DEFAULT now(),
    single_row  boolean     NOT NULL DEFAULT true UNIQUE CHECK (single_row)
);

INSERT INTO stoa_installation DEFAULT VALUES;
