-- The capsul hub's tables. Shapes follow capsul; what capsul left to application code
-- (who owns a VM, which spoke won a create, that every operation reaches a spoke) is
-- held by constraints here, so no code path can break it.

CREATE TABLE accounts (
    email   text PRIMARY KEY CHECK (length(email) <= 254 AND email = lower(email)
                                    AND email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    created timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ssh_public_keys (
    id      bigserial PRIMARY KEY,
    email   text NOT NULL REFERENCES accounts (email),
    name    text NOT NULL CHECK (name ~ '^[A-Za-z0-9_@:. -]{1,64}$'),
    content text NOT NULL CHECK (content ~ '^(ssh|ecdsa|sk)-[A-Za-z0-9@.-]+ [A-Za-z0-9+/]+=* ?'
                                 AND content !~ '[\r\n]' AND length(content) <= 16384),
    created timestamptz NOT NULL DEFAULT now(),
    UNIQUE (email, name)
);

CREATE TABLE os_images (
    id                       text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+$'),
    template_image_file_name text NOT NULL UNIQUE,
    description              text NOT NULL,
    deprecated               boolean NOT NULL DEFAULT false
);

CREATE TABLE vm_sizes (
    id                     text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]+$'),
    dollars_per_month      numeric(8, 2) NOT NULL CHECK (dollars_per_month > 0),
    memory_mb              integer NOT NULL CHECK (memory_mb > 0),
    vcpus                  integer NOT NULL CHECK (vcpus > 0),
    bandwidth_gb_per_month integer NOT NULL CHECK (bandwidth_gb_per_month > 0)
);

-- A spoke. token: what the hub presents when calling the spoke and the spoke presents
-- when calling the hub. last_health_check NULL: never heard from.
CREATE TABLE hosts (
    id                text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    https_url         text NOT NULL UNIQUE CHECK (https_url ~ '^https?://[^/\s]+'),
    token             text NOT NULL CHECK (length(token) >= 32),
    last_health_check timestamptz,
    created           timestamptz NOT NULL DEFAULT now()
);

-- One request to the spokes. A create names the VM it makes; claimed_by is the one spoke
-- whose claim won, set once by a single UPDATE that waits on this row, so two claims
-- can never both succeed.
CREATE TABLE operations (
    id         bigserial PRIMARY KEY,
    email      text REFERENCES accounts (email),
    kind       text NOT NULL CHECK (kind IN ('list', 'capacity', 'get', 'destroy', 'start', 'stop', 'create')),
    vm_id      text CHECK (vm_id ~ '^capsul-[a-z0-9]{10}$'),
    os         text REFERENCES os_images (id),
    size       text REFERENCES vm_sizes (id),
    payload    jsonb NOT NULL DEFAULT '{}',
    created    timestamptz NOT NULL DEFAULT now(),
    claimed_by text REFERENCES hosts (id),
    claimed    timestamptz,
    CHECK ((kind = 'create') = (os IS NOT NULL AND size IS NOT NULL AND email IS NOT NULL)),
    CHECK ((kind IN ('list', 'capacity')) = (vm_id IS NULL)),
    CHECK (claimed_by IS NULL OR kind = 'create'),
    CHECK ((claimed_by IS NULL) = (claimed IS NULL)),
    UNIQUE (id, vm_id, claimed_by)
);
CREATE UNIQUE INDEX operations_one_create_per_vm ON operations (vm_id) WHERE kind = 'create';

-- Which spokes an operation went to. Immediate operations are assigned when sent; a
-- create is offered to every online spoke, and its claim turns one offer into the
-- assignment and the others into lost offers.
CREATE TABLE host_operation (
    host              text NOT NULL REFERENCES hosts (id),
    operation         bigint NOT NULL REFERENCES operations (id) ON DELETE CASCADE,
    assignment_status text NOT NULL CHECK (assignment_status IN ('offered', 'assigned', 'lost')),
    assigned          timestamptz,
    completed         timestamptz,
    results           jsonb,
    PRIMARY KEY (host, operation),
    CHECK ((assignment_status = 'assigned') = (assigned IS NOT NULL)),
    CHECK (completed IS NULL OR assignment_status = 'assigned')
);
CREATE INDEX host_operation_by_operation ON host_operation (operation);

-- An operation that reaches no spoke would wait forever: checked when its transaction commits.
CREATE FUNCTION operation_has_hosts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM host_operation WHERE operation = NEW.id) THEN
        RAISE EXCEPTION 'operation % has no target host', NEW.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER operations_have_hosts AFTER INSERT ON operations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION operation_has_hosts();

-- A VM exists only once a spoke won its create: the foreign key to the operation's
-- (id, vm_id, claimed_by) ties the row to that claim, its VM id and its winning host.
-- Deleted VMs keep their row (deleted set), so their ids are never reused.
CREATE TABLE vms (
    id               text PRIMARY KEY CHECK (id ~ '^capsul-[a-z0-9]{10}$'),
    email            text NOT NULL REFERENCES accounts (email),
    os               text NOT NULL REFERENCES os_images (id),
    size             text NOT NULL REFERENCES vm_sizes (id),
    host             text NOT NULL REFERENCES hosts (id),
    create_operation bigint NOT NULL UNIQUE,
    state            text NOT NULL DEFAULT 'creating'
                     CHECK (state IN ('creating', 'running', 'stopped', 'crashed', 'failed')),
    last_seen_ipv4   inet CHECK (family(last_seen_ipv4) = 4),
    last_seen_ipv6   inet CHECK (family(last_seen_ipv6) = 6),
    last_seen        timestamptz,
    created          timestamptz NOT NULL DEFAULT now(),
    deleted          timestamptz,
    FOREIGN KEY (create_operation, id, host) REFERENCES operations (id, vm_id, claimed_by)
);
CREATE INDEX vms_by_email ON vms (email) WHERE deleted IS NULL;
CREATE INDEX vms_by_host ON vms (host) WHERE deleted IS NULL;

-- Who holds the single-hub advisory lock, so a refused hub can name it.
CREATE TABLE hub_lock_holder (
    lock_name   text PRIMARY KEY,
    holder      text NOT NULL,
    backend_pid integer NOT NULL,
    since       timestamptz NOT NULL DEFAULT now()
);

INSERT INTO vm_sizes (id, dollars_per_month, memory_mb, vcpus, bandwidth_gb_per_month) VALUES
    ('f1-xs', 5.33, 512, 1, 500),
    ('f1-s', 7.16, 1024, 1, 1000),
    ('f1-m', 12.50, 2048, 1, 2000),
    ('f1-l', 20.50, 3072, 2, 3000),
    ('f1-x', 27.00, 4096, 3, 4000),
    ('f1-xx', 35.00, 8192, 4, 5000);

INSERT INTO os_images (id, template_image_file_name, description, deprecated) VALUES
    ('alpine318', 'alpine-3.18.qcow2', 'Alpine Linux 3.18', false),
    ('debian12', 'debian-12.qcow2', 'Debian 12 (bookworm)', false),
    ('ubuntu2204', 'ubuntu-22.04.qcow2', 'Ubuntu 22.04 (jammy)', false),
    ('rocky9', 'rocky-9.qcow2', 'Rocky Linux 9', false),
    ('guixsystem141', 'guixsystem-1.4.1.qcow2', 'Guix System 1.4.1', false),
    ('openbsd74', 'openbsd-7.4.qcow2', 'OpenBSD 7.4', false),
    ('debian10', 'debian-10.qcow2', 'Debian 10 (buster)', true);
