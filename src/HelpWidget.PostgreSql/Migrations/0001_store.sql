-- Tickets, their attachments and delivery queue, feedback and dismissed announcements.
-- Runs with search_path set to the store's schema, inside a transaction, once per schema.

CREATE TABLE tickets (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference text NOT NULL UNIQUE,
    idempotency_key text NOT NULL UNIQUE,
    subject text NOT NULL,
    description text NOT NULL,
    name text NOT NULL,
    email text NOT NULL,
    language text,
    route text,
    category text,
    -- JSON as text, not jsonb: a round trip gives back exactly what was stored (key order, escapes).
    context_json text NOT NULL,
    fields_json text NOT NULL DEFAULT '{}',
    -- The submission time as written ("O" format), with its offset and all seven fractional digits; submitted_utc for queries.
    submitted_at text NOT NULL,
    submitted_utc timestamptz NOT NULL
);

CREATE TABLE ticket_attachments (
    ticket_id bigint NOT NULL REFERENCES tickets (id),
    position integer NOT NULL,
    file_name text NOT NULL,
    content_type text NOT NULL,
    content bytea NOT NULL,
    PRIMARY KEY (ticket_id, position)
);

-- One delivery per ticket and sink. Times are Unix milliseconds of the store's clock (its TimeProvider), so the
-- queue behaves the same under a test clock. lease_holder is the instance whose advisory lock proves it alive.
CREATE TABLE ticket_deliveries (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id bigint NOT NULL REFERENCES tickets (id),
    sink text NOT NULL,
    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at bigint NOT NULL DEFAULT 0,
    lease_id text,
    lease_until bigint,
    lease_holder integer,
    last_error text,
    completed_at bigint,
    UNIQUE (ticket_id, sink)
);

CREATE INDEX ticket_deliveries_queue ON ticket_deliveries (sink, ticket_id) WHERE state = 'pending';
CREATE INDEX ticket_deliveries_dead ON ticket_deliveries (ticket_id) WHERE state = 'dead';
CREATE INDEX ticket_deliveries_leased ON ticket_deliveries (lease_until) WHERE state = 'pending' AND lease_id IS NOT NULL;

CREATE TABLE feedback (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    feedback_id text UNIQUE,
    article_id text NOT NULL,
    language text NOT NULL,
    helpful boolean NOT NULL,
    reason text,
    comment text,
    route text,
    query text,
    created_at timestamptz NOT NULL
);

CREATE INDEX feedback_article ON feedback (article_id);
CREATE INDEX feedback_comments ON feedback (article_id, created_at) WHERE NOT helpful AND comment IS NOT NULL;

CREATE TABLE announcement_dismissals (
    user_id text NOT NULL,
    announcement_id text NOT NULL,
    dismissed_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, announcement_id)
);
