-- tokentax trace summary from OpenTelemetry GenAI spans: Snowflake.
--
-- Input: a table with one row per span (docs/traces.md, "From a warehouse"):
--   genai_spans (trace_id VARCHAR, span_id VARCHAR, parent_span_id VARCHAR, name VARCHAR,
--     start_time TIMESTAMP_TZ, end_time TIMESTAMP_TZ, attributes VARIANT, resource_attributes VARIANT)
-- Output: one OBJECT per feature, each a `traces summarize --json` summary (schema_version 1):
--
--   SET window_start = '2026-11-09 00:00:00 +00:00'::TIMESTAMP_TZ;
--   SET window_end = '2026-11-16 00:00:00 +00:00'::TIMESTAMP_TZ;
--   COPY INTO @~/tokentax/head.summary.jsonl FROM (<this query>)
--     FILE_FORMAT = (TYPE = JSON COMPRESSION = NONE) SINGLE = TRUE OVERWRITE = TRUE;
--   GET @~/tokentax/head.summary.jsonl file://.;
WITH
spans AS (
  SELECT *
  FROM genai_spans
  WHERE start_time >= $window_start AND start_time < $window_end
  QUALIFY ROW_NUMBER() OVER (PARTITION BY trace_id, span_id ORDER BY start_time) = 1  -- a span exported twice counts once
),
attributes AS (
  SELECT trace_id, span_id, parent_span_id, name,
    attributes['gen_ai.operation.name']::VARCHAR AS operation,
    NULLIF(attributes['tokentax.feature']::VARCHAR, '') AS feature_tag,
    NULLIF(resource_attributes['tokentax.feature']::VARCHAR, '') AS resource_feature_tag,
    NULLIF(attributes['gen_ai.agent.name']::VARCHAR, '') AS agent,
    COALESCE(attributes['gen_ai.response.model']::VARCHAR, attributes['gen_ai.request.model']::VARCHAR, 'unknown') AS model,
    COALESCE(attributes['tokentax.case']::VARCHAR, resource_attributes['tokentax.case']::VARCHAR) AS case_id,
    COALESCE(attributes['tokentax.batch']::BOOLEAN, FALSE) AS batch,
    COALESCE(attributes['gen_ai.usage.input_tokens'], attributes['gen_ai.usage.prompt_tokens'])::INTEGER AS input,
    COALESCE(attributes['gen_ai.usage.output_tokens'], attributes['gen_ai.usage.completion_tokens'])::INTEGER AS output,
    COALESCE(attributes['gen_ai.usage.cache_read.input_tokens'], attributes['gen_ai.usage.cache_read_input_tokens'],
      attributes['gen_ai.usage.input_tokens.cached'])::INTEGER AS cache_read,
    COALESCE(attributes['gen_ai.usage.cache_creation.input_tokens'], attributes['gen_ai.usage.cache_write.input_tokens'],
      attributes['gen_ai.usage.cache_creation_input_tokens'])::INTEGER AS cache_write,
    COALESCE(attributes['gen_ai.usage.reasoning.output_tokens'], attributes['gen_ai.usage.reasoning_tokens'])::INTEGER AS reasoning
  FROM spans
),
usage AS (
  SELECT trace_id, span_id, parent_span_id, model, case_id, batch, input, output, cache_read, cache_write, reasoning,
    COALESCE(feature_tag, resource_feature_tag, agent,
      -- a span name that names something, not the default "{operation} {model}"
      IFF(name <> '' AND NOT STARTSWITH(name, 'ai.')
        AND (operation IS NULL OR (name <> operation AND NOT STARTSWITH(name, operation || ' '))), name, NULL),
      'unattributed') AS feature,
    COALESCE(operation IN ('invoke_agent', 'invoke_workflow', 'create_agent', 'execute_tool'), FALSE) AS aggregate
  FROM attributes
  WHERE COALESCE(input, output, cache_read, cache_write) IS NOT NULL
    AND COALESCE(operation <> 'fetch_response', TRUE)  -- re-reads a stored response; not a call
),
traces AS (
  SELECT trace_id, COUNT_IF(NOT aggregate) > 0 AS has_model_call,
    ARRAY_AGG(IFF(aggregate, parent_span_id, NULL)) AS aggregate_parents  -- ARRAY_AGG skips NULLs
  FROM usage GROUP BY trace_id
),
calls AS (
  -- Disjoint buckets: gen_ai input includes cache reads and writes, output includes reasoning
  -- (unless the emitter broke the rule: then the parts cannot be inside the total).
  SELECT u.feature, u.model, u.case_id, u.batch, u.trace_id, u.span_id,
    IFF(ZEROIFNULL(u.cache_read) + ZEROIFNULL(u.cache_write) <= ZEROIFNULL(u.input),
      ZEROIFNULL(u.input) - ZEROIFNULL(u.cache_read) - ZEROIFNULL(u.cache_write), ZEROIFNULL(u.input)) AS uncached_input_tokens,
    ZEROIFNULL(u.cache_read) AS cache_read_tokens,
    ZEROIFNULL(u.cache_write) AS cache_write_tokens,
    IFF(ZEROIFNULL(u.reasoning) <= ZEROIFNULL(u.output), ZEROIFNULL(u.output), ZEROIFNULL(u.output) + u.reasoning) AS output_tokens,
    ZEROIFNULL(u.reasoning) AS reasoning_tokens
  FROM usage u
  JOIN traces t ON t.trace_id = u.trace_id
  -- An agent/workflow/tool span carries its children's sum: it counts only when its trace has
  -- no model-call span with usage and no aggregate child with usage.
  WHERE NOT u.aggregate
    OR (NOT t.has_model_call AND NOT COALESCE(ARRAY_CONTAINS(u.span_id::VARIANT, t.aggregate_parents), FALSE))
),
quantity_values AS (
  SELECT c.feature, q.quantity,
    CASE q.quantity
      WHEN 'input_tokens' THEN c.uncached_input_tokens + c.cache_read_tokens + c.cache_write_tokens
      WHEN 'uncached_input_tokens' THEN c.uncached_input_tokens
      WHEN 'cache_read_tokens' THEN c.cache_read_tokens
      WHEN 'cache_write_tokens' THEN c.cache_write_tokens
      WHEN 'output_tokens' THEN c.output_tokens
      ELSE c.reasoning_tokens END AS value
  FROM calls c
  CROSS JOIN (SELECT column1 AS quantity FROM VALUES ('input_tokens'), ('uncached_input_tokens'), ('cache_read_tokens'),
    ('cache_write_tokens'), ('output_tokens'), ('reasoning_tokens')) q
),
buckets AS (
  SELECT feature, quantity, CEIL(LN(value::FLOAT) / LN((1 + 0.01::FLOAT) / (1 - 0.01::FLOAT)))::INTEGER AS bucket, COUNT(*) AS n
  FROM quantity_values WHERE value > 0 GROUP BY feature, quantity, bucket
),
sketches AS (
  -- the sketch's 1 % buckets, stored densely from the lowest one
  SELECT r.feature, r.quantity, r.low, ARRAY_AGG(ZEROIFNULL(b.n)) WITHIN GROUP (ORDER BY r.bucket) AS bins
  FROM (
    SELECT x.feature, x.quantity, x.low, g.value::INTEGER AS bucket
    FROM (SELECT feature, quantity, MIN(bucket) AS low, MAX(bucket) AS high FROM buckets GROUP BY feature, quantity) x
    CROSS JOIN LATERAL FLATTEN(input => ARRAY_GENERATE_RANGE(x.low, x.high + 1)) g
  ) r
  LEFT JOIN buckets b ON b.feature = r.feature AND b.quantity = r.quantity AND b.bucket = r.bucket
  GROUP BY r.feature, r.quantity, r.low
),
quantities AS (
  SELECT m.feature,
    OBJECT_AGG(m.quantity, OBJECT_CONSTRUCT(
      'sum', m.total, 'sum_of_squares', m.squares,
      'sketch', OBJECT_CONSTRUCT('zero', m.zero, 'offset', COALESCE(s.low, 0), 'bins', COALESCE(s.bins, ARRAY_CONSTRUCT())))::VARIANT
    ) AS quantities
  FROM (
    SELECT feature, quantity, SUM(value) AS total, SUM(value::NUMBER(38, 0) * value)::FLOAT AS squares, COUNT_IF(value = 0) AS zero
    FROM quantity_values GROUP BY feature, quantity
  ) m
  LEFT JOIN sketches s ON s.feature = m.feature AND s.quantity = m.quantity
  GROUP BY m.feature
),
models AS (
  SELECT feature, SUM(calls) AS calls,
    ARRAY_AGG(OBJECT_CONSTRUCT(  -- no cost_usd: tokentax prices the tokens
      'model', model, 'batch', batch, 'calls', calls, 'uncached_input_tokens', uncached_input_tokens,
      'cache_read_tokens', cache_read_tokens, 'cache_write_tokens', cache_write_tokens, 'output_tokens', output_tokens,
      'reasoning_tokens', reasoning_tokens)) WITHIN GROUP (ORDER BY model, batch) AS models
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
    ARRAY_AGG(OBJECT_CONSTRUCT(  -- a NULL case is left out
      'model', model, 'case', case_id, 'batch', batch, 'uncached_input_tokens', uncached_input_tokens,
      'cache_read_tokens', cache_read_tokens, 'cache_write_tokens', cache_write_tokens, 'output_tokens', output_tokens,
      'reasoning_tokens', reasoning_tokens)) WITHIN GROUP (ORDER BY priority) AS calls
  FROM (
    SELECT *, ROW_NUMBER() OVER (
      PARTITION BY feature ORDER BY HASH(COALESCE(case_id, trace_id || '/' || span_id)), trace_id, span_id) AS priority
    FROM calls
  )
  WHERE priority <= 4096  -- CallReservoir.defaultCapacity
  GROUP BY feature
)
SELECT OBJECT_CONSTRUCT(
  'schema_version', 1,
  'features', ARRAY_CONSTRUCT(OBJECT_CONSTRUCT(
    'id', m.feature, 'models', m.models,
    'stats', OBJECT_CONSTRUCT(
      'calls', m.calls, 'quantities', q.quantities,
      'sample', OBJECT_CONSTRUCT('capacity', 4096, 'seen', m.calls, 'calls', s.calls)))),
  'skipped_lines', 0) AS summary
FROM models m
JOIN quantities q ON q.feature = m.feature
JOIN samples s ON s.feature = m.feature
ORDER BY m.feature
