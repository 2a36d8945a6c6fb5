-- The customers' web console: one-time login links and the sessions they open. Both live in
-- PostgreSQL so a second hub taking over keeps customers logged in. Only SHA-256 hashes of
-- the secrets are stored: someone reading the database cannot log in as a customer.

-- A login link mailed to an address. The account may not exist yet (it is made on first
-- use), so email is no foreign key. used: when its link was followed (once only).
CREATE TABLE console_login_tokens (
    token_hash text PRIMARY KEY CHECK (length(token_hash) = 64),
    email      text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    created    timestamptz NOT NULL DEFAULT now(),
    used       timestamptz
);
-- The rate limit counts an address's links of the last minutes.
CREATE INDEX console_login_tokens_by_email ON console_login_tokens (email, created);

-- A logged-in browser. csrf: the token every form of the session carries.
CREATE TABLE console_sessions (
    token_hash text PRIMARY KEY CHECK (length(token_hash) = 64),
    email      text NOT NULL REFERENCES accounts (email) ON DELETE CASCADE,
    csrf       text NOT NULL CHECK (length(csrf) >= 32),
    created    timestamptz NOT NULL DEFAULT now(),
    expires    timestamptz NOT NULL
);
CREATE INDEX console_sessions_by_expiry ON console_sessions (expires);
