-- Articles shared by every instance: each instance's search engine loads them and keeps its own index in step.
-- Every change takes the next number of article_versions, so an instance reads only the rows newer than what it
-- holds. Publishers serialise on an advisory lock, so numbers become visible in the order they were taken.
CREATE SEQUENCE article_versions;

CREATE TABLE articles (
    language text NOT NULL,
    id text NOT NULL,
    -- SHA-256 of the article's JSON, hex: a publish writes only the articles whose hash differs.
    content_hash text NOT NULL,
    -- The whole article (id, language, title, summary, html, text, tags, contexts, audiences, related and any later field).
    document jsonb NOT NULL,
    -- A removed article stays as a marker, with its document emptied, so that instances learn of the removal.
    deleted boolean NOT NULL DEFAULT false,
    version bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (language, id)
);

CREATE INDEX articles_by_version ON articles (version);
