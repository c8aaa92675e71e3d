-- Insight events and what the dashboard reads instead of scanning them: a summary row per help session and counters
-- per UTC day, week (Monday to Sunday) and month. Times are Unix milliseconds (UTC), as in the SQLite store.

CREATE TABLE help_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind smallint NOT NULL,
    at bigint NOT NULL,
    user_key text NOT NULL,
    session_id text NOT NULL,
    language text,
    route text,
    article_id text,
    query text,
    result_count integer,
    source smallint NOT NULL DEFAULT 0,
    helpful boolean,
    reason text,
    announcement_id text,
    simulated boolean NOT NULL DEFAULT false,
    -- A search followed in its session by a ticket with no article opened in between.
    followed boolean NOT NULL DEFAULT false,
    -- A ticket created at most 24 hours after the same user read an article.
    failed boolean NOT NULL DEFAULT false,
    -- Of a vote: the time of the next vote of the same user on the same article.
    next_at bigint
);

CREATE INDEX help_events_at ON help_events (at);
CREATE INDEX help_events_session ON help_events (session_id, kind, at);
CREATE INDEX help_events_user_tickets ON help_events (user_key, at) WHERE kind = 8;
CREATE INDEX help_events_user_views ON help_events (user_key, at) WHERE kind = 5;
CREATE INDEX help_events_user_votes ON help_events (user_key, article_id, at) WHERE kind = 6;
CREATE INDEX help_events_replaced_votes ON help_events (next_at, at) INCLUDE (article_id, helpful, reason)
    WHERE kind = 6 AND next_at IS NOT NULL;

CREATE TABLE help_sessions (
    session_id text PRIMARY KEY,
    user_key text NOT NULL,
    start bigint,
    last bigint NOT NULL,
    searched boolean NOT NULL,
    viewed boolean NOT NULL,
    contacted boolean NOT NULL,
    ticketed boolean NOT NULL,
    helped boolean NOT NULL,
    undone boolean NOT NULL,
    articles text[] NOT NULL DEFAULT '{}'
);

CREATE INDEX help_sessions_start ON help_sessions (start) WHERE start IS NOT NULL;
CREATE INDEX help_sessions_user ON help_sessions (user_key, last) WHERE NOT undone;

-- grain 0: days since 1970-01-01; 1: weeks since Monday 1969-12-29; 2: months since January 1970.
CREATE TABLE help_counts (
    grain smallint NOT NULL,
    unit integer NOT NULL,
    metric smallint NOT NULL,
    key1 text COLLATE "C" NOT NULL,
    key2 text COLLATE "C" NOT NULL,
    value bigint NOT NULL,
    PRIMARY KEY (grain, unit, metric, key1, key2)
);

CREATE TABLE help_event_settings (
    name text PRIMARY KEY,
    value bytea NOT NULL
);
