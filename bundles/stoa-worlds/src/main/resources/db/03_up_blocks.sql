-- Whom a user has blocked (venueless' User.blocked_users): chat refuses direct messages between them.
CREATE TABLE user_blocks (
    blocking_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_user_id  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (blocking_user_id, blocked_user_id)
);
CREATE INDEX user_blocks_by_blocked ON user_blocks (blocked_user_id);
