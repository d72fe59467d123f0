-- tokentax trace summary from OpenTelemetry GenAI spans: BigQuery (GoogleSQL).
--
-- Input: a table with one row per span (docs/traces.md, "From a warehouse"):
--   `project.dataset.genai_spans` (trace_id STRING, span_id STRING, parent_span_id STRING, name STRING,
--     start_time TIMESTAMP, end_time TIMESTAMP, attributes JSON, resource_attributes JSON)
-- Output: one row per feature, each a `traces summarize --json` summary (schema_version 1).
-- Export them as JSON lines (INT64 values arrive quoted, which tokentax accepts):
--
--   EXPORT DATA OPTIONS (uri = 'gs://BUCKET/tokentax/head-*.json', format = 'JSON', overwrite = true) AS
--   <this query>
--
-- with the query parameters @window_start and @window_end (TIMESTAMP), e.g.
--   bq query --use_legacy_sql=false --parameter=window_start:TIMESTAMP:'2026-11-09 00:00:00' \
--     --parameter=window_end:TIMESTAMP:'2026-11-16 00:00:00' < export.sql
WITH
spans AS (
  SELECT *
  FROM `project.dataset.genai_spans`
  WHERE start_time >= @window_start AND start_time < @window_end
  QUALIFY ROW_NUMBER() OVER (PARTITION BY trace_id, span_id ORDER BY start_time) = 1  -- a span exported twice counts once
),
attributes AS (
  SELECT trace_id, span_id, parent_span_id, name,
    LAX_STRING(attributes['gen_ai.operation.name']) AS operation,
    NULLIF(LAX_STRING(attributes['tokentax.feature']), '') AS feature_tag,
    NULLIF(LAX_STRING(resource_attributes['tokentax.feature']), '') AS resource_feature_tag,
    NULLIF(LAX_STRING(attributes['gen_ai.agent.name']), '') AS agent,
    COALESCE(LAX_STRING(attributes['gen_ai.response.model']), LAX_STRING(attributes['gen_ai.request.model']), 'unknown') AS model,
    COALESCE(LAX_STRING(attributes['tokentax.case']), LAX_STRING(resource_attributes['tokentax.case'])) AS case_id,
    COALESCE(LAX_BOOL(attributes['tokentax.batch']), FALSE) AS batch,
    COALESCE(LAX_INT64(attributes['gen_ai.usage.input_tokens']), LAX_INT64(attributes['gen_ai.usage.prompt_tokens'])) AS input,
    COALESCE(LAX_INT64(attributes['gen_ai.usage.output_tokens']), LAX_INT64(attributes['gen_ai.usage.completion_tokens'])) AS output,
    COALESCE(LAX_INT64(attributes['gen_ai.usage.cache_read.input_tokens']), LAX_INT64(attributes['gen_ai.usage.cache_read_input_tokens']),
      LAX_INT64(attributes['gen_ai.usage.input_tokens.cached'])) AS cache_read,
    COALESCE(LAX_INT64(attributes['gen_ai.usage.cache_creation.input_tokens']),
      LAX_INT64(attributes['gen_ai.usage.cache_write.input_tokens']),
      LAX_INT64(attributes['gen_ai.usage.cache_creation_input_tokens'])) AS cache_write,
    COALESCE(LAX_INT64(attributes['gen_ai.usage.reasoning.output_tokens']), LAX_INT64(attributes['gen_ai.usage.reasoning_tokens']))
      AS reasoning
  FROM spans
),
usage AS (
  SELECT trace_id, span_id, parent_span_id, model, case_id, batch, input, output, cache_read, cache_write, reasoning,
    COALESCE(feature_tag, resource_feature_tag, agent,
      -- a span name that names something, not the default "{operation} {model}"
      IF(name != '' AND NOT STARTS_WITH(name, 'ai.')
        AND (operation IS NULL OR (name != operation AND NOT STARTS_WITH(name, CONCAT(operation, ' ')))), name, NULL),
      'unattributed') AS feature,
    COALESCE(operation IN ('invoke_agent', 'invoke_workflow', 'create_agent', 'execute_tool'), FALSE) AS aggregate
  FROM attributes
  WHERE COALESCE(input, output, cache_read, cache_write) IS NOT NULL
    AND COALESCE(operation != 'fetch_response', TRUE)  -- re-reads a stored response; not a call
),
traces AS (
  SELECT trace_id, COUNTIF(NOT aggregate) > 0 AS has_model_call,
    ARRAY_AGG(IF(aggregate, parent_span_id, NULL) IGNORE NULLS) AS aggregate_parents
  FROM usage GROUP BY trace_id
),
calls AS (
  -- Disjoint buckets: gen_ai input includes cache reads and writes, output includes reasoning
  -- (unless the emitter broke the rule: then the parts cannot be inside the total).
  SELECT u.feature, u.model, u.case_id, u.batch, u.trace_id, u.span_id,
    IF(IFNULL(u.cache_read, 0) + IFNULL(u.cache_write, 0) <= IFNULL(u.input, 0),
      IFNULL(u.input, 0) - IFNULL(u.cache_read, 0) - IFNULL(u.cache_write, 0), IFNULL(u.input, 0)) AS uncached_input_tokens,
    IFNULL(u.cache_read, 0) AS cache_read_tokens,
    IFNULL(u.cache_write, 0) AS cache_write_tokens,
    IF(IFNULL(u.reasoning, 0) <= IFNULL(u.output, 0), IFNULL(u.output, 0), IFNULL(u.output, 0) + u.reasoning) AS output_tokens,
    IFNULL(u.reasoning, 0) AS reasoning_tokens
  FROM usage u
  JOIN traces t USING (trace_id)
  -- An agent/workflow/tool span carries its children's sum: it counts only when its trace has
  -- no model-call span with usage and no aggregate child with usage.
  WHERE NOT u.aggregate OR (NOT t.has_model_call AND u.span_id NOT IN UNNEST(t.aggregate_parents))
),
quantity_values AS (
  SELECT c.feature, quantity,
    CASE quantity
      WHEN 'input_tokens' THEN c.uncached_input_tokens + c.cache_read_tokens + c.cache_write_tokens
      WHEN 'uncached_input_tokens' THEN c.uncached_input_tokens
      WHEN 'cache_read_tokens' THEN c.cache_read_tokens
      WHEN 'cache_write_tokens' THEN c.cache_write_tokens
      WHEN 'output_tokens' THEN c.output_tokens
      ELSE c.reasoning_tokens END AS value
  FROM calls c
  CROSS JOIN UNNEST(['input_tokens', 'uncached_input_tokens', 'cache_read_tokens', 'cache_write_tokens', 'output_tokens',
    'reasoning_tokens']) AS quantity
),
sketches AS (
  -- the sketch's 1 % buckets, stored densely from the lowest one
  SELECT feature, quantity, low,
    ARRAY(SELECT IFNULL(b.n, 0) FROM UNNEST(GENERATE_ARRAY(low, high)) AS i LEFT JOIN UNNEST(counts) AS b ON b.bucket = i ORDER BY i)
      AS bins
  FROM (
    SELECT feature, quantity, MIN(bucket) AS low, MAX(bucket) AS high, ARRAY_AGG(STRUCT(bucket, n)) AS counts
    FROM (
      SELECT feature, quantity, CAST(CEIL(LN(value) / LN((1 + 0.01) / (1 - 0.01))) AS INT64) AS bucket, COUNT(*) AS n
      FROM quantity_values WHERE value > 0 GROUP BY feature, quantity, bucket
    )
    GROUP BY feature, quantity
  )
),
quantity_entries AS (
  SELECT m.feature, m.quantity,
    STRUCT(m.total AS sum, m.squares AS sum_of_squares,
      STRUCT(m.zero AS zero, IFNULL(s.low, 0) AS offset, IFNULL(s.bins, []) AS bins) AS sketch) AS entry
  FROM (
    SELECT feature, quantity, SUM(value) AS total, CAST(SUM(CAST(value AS NUMERIC) * value) AS FLOAT64) AS squares,
      COUNTIF(value = 0) AS zero
    FROM quantity_values GROUP BY feature, quantity
  ) m
  LEFT JOIN sketches s USING (feature, quantity)
),
quantities AS (
  SELECT feature, STRUCT(
    ARRAY_AGG(IF(quantity = 'input_tokens', entry, NULL) IGNORE NULLS)[SAFE_OFFSET(0)] AS input_tokens,
    ARRAY_AGG(IF(quantity = 'uncached_input_tokens', entry, NULL) IGNORE NULLS)[SAFE_OFFSET(0)] AS uncached_input_tokens,
    ARRAY_AGG(IF(quantity = 'cache_read_tokens', entry, NULL) IGNORE NULLS)[SAFE_OFFSET(0)] AS cache_read_tokens,
    ARRAY_AGG(IF(quantity = 'cache_write_tokens', entry, NULL) IGNORE NULLS)[SAFE_OFFSET(0)] AS cache_write_tokens,
    ARRAY_AGG(IF(quantity = 'output_tokens', entry, NULL) IGNORE NULLS)[SAFE_OFFSET(0)] AS output_tokens,
    ARRAY_AGG(IF(quantity = 'reasoning_tokens', entry, NULL) IGNORE NULLS)[SAFE_OFFSET(0)] AS reasoning_tokens
  ) AS quantities
  FROM quantity_entries GROUP BY feature
),
models AS (
  SELECT feature, SUM(calls) AS calls,
    ARRAY_AGG(STRUCT(model, batch, calls, uncached_input_tokens, cache_read_tokens, cache_write_tokens, output_tokens,
      reasoning_tokens) ORDER BY model, batch) AS models  -- no cost_usd: tokentax prices the tokens
  FROM (
    SELECT feature, model, batch, COUNT(*) AS calls, SUM(uncached_input_tokens) AS uncached_input_tokens,
      SUM(cache_read_tokens) AS cache_read_tokens, SUM(cache_write_tokens) AS cache_write_tokens,
      SUM(output_tokens) AS output_tokens, SUM(reasoning_tokens) AS reasoning_tokens
    FROM calls GROUP BY feature, model, batch
  )
  GROUP BY feature
),
samples AS (
  -- bottom-k on a hash of the case id: base and head keep the same cases, so pairing survives
  SELECT feature,
    ARRAY_AGG(STRUCT(model, case_id AS `case`, batch, uncached_input_tokens, cache_read_tokens, cache_write_tokens,
      output_tokens, reasoning_tokens) ORDER BY priority) AS calls
  FROM (
    SELECT *, ROW_NUMBER() OVER (
      PARTITION BY feature ORDER BY FARM_FINGERPRINT(COALESCE(case_id, CONCAT(trace_id, '/', span_id))), trace_id, span_id)
      AS priority
    FROM calls
  )
  WHERE priority <= 4096  -- CallReservoir.defaultCapacity
  GROUP BY feature
)
SELECT
  1 AS schema_version,
  [STRUCT(m.feature AS id, m.models AS models,
    STRUCT(m.calls AS calls, q.quantities AS quantities, STRUCT(4096 AS capacity, m.calls AS seen, s.calls AS calls) AS sample)
      AS stats)] AS features,
  0 AS skipped_lines
FROM models m
JOIN quantities q USING (feature)
JOIN samples s USING (feature)
ORDER BY m.feature
