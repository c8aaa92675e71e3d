-- Figures per article (and so per area): views, views from search results, and contact forms opened after an article
-- (the last article read before them in their session). Counts the events stored before this version.

DELETE FROM help_counts WHERE metric IN (21, 22, 23);

WITH per_day (day, metric, key1, value) AS (
    SELECT floor(at / 86400000.0)::integer, 21::smallint, article_id, COUNT(*) FROM help_events
    WHERE kind = 5 AND article_id IS NOT NULL GROUP BY 1, 3
    UNION ALL
    SELECT floor(at / 86400000.0)::integer, 22::smallint, article_id, COUNT(*) FROM help_events
    WHERE kind = 5 AND article_id IS NOT NULL AND source = 2 GROUP BY 1, 3
    UNION ALL
    SELECT day, 23::smallint, article, COUNT(*) FROM (
        SELECT floor(c.at / 86400000.0)::integer AS day,
            (SELECT v.article_id FROM help_events v
             WHERE v.session_id = c.session_id AND v.kind = 5 AND v.article_id IS NOT NULL AND (v.at < c.at OR (v.at = c.at AND v.id < c.id))
             ORDER BY v.at DESC, v.id DESC LIMIT 1) AS article
        FROM help_events c WHERE c.kind = 7) AS contacts
    WHERE article IS NOT NULL GROUP BY 1, 3
)
INSERT INTO help_counts (grain, unit, metric, key1, key2, value)
SELECT grain, unit, metric, key1, '', SUM(value) FROM (
    SELECT 0::smallint AS grain, day AS unit, metric, key1, value FROM per_day
    UNION ALL
    -- Weeks from Monday, numbered from the one holding 1970-01-01 (a Thursday).
    SELECT 1::smallint, floor((day + 3) / 7.0)::integer, metric, key1, value FROM per_day
    UNION ALL
    SELECT 2::smallint, ((extract(year FROM date '1970-01-01' + day)::integer - 1970) * 12 + extract(month FROM date '1970-01-01' + day)::integer - 1),
        metric, key1, value FROM per_day) AS rows
GROUP BY grain, unit, metric, key1;
