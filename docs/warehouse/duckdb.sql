-- tokentax trace summary from OpenTelemetry GenAI spans: DuckDB over Parquet.
--
-- Input: Parquet files with one row per span (docs/traces.md, "From a warehouse"):
--   trace_id VARCHAR, span_id VARCHAR, parent_span_id VARCHAR, name VARCHAR,
--   start_time TIMESTAMP[TZ], end_time TIMESTAMP[TZ],
--   attributes MAP(VARCHAR, VARCHAR), resource_attributes MAP(VARCHAR, VARCHAR)
-- Output: one row per feature; each row, written as a JSON line, is a `traces summarize --json`
-- summary (schema_version 1) that `traces summarize`, `traces diff` and `check` read:
--
--   SET VARIABLE spans = 'spans/*.parquet';
--   SET VARIABLE window_start = TIMESTAMPTZ '2026-11-09 00:00:00+00';
--   SET VARIABLE window_end = TIMESTAMPTZ '2026-11-16 00:00:00+00';
--   COPY (<this query>) TO 'head.summary.jsonl' (FORMAT JSON);
WITH
params AS (
  SELECT
    4096 AS sample_capacity,  -- CallReservoir.defaultCapacity
    ln((1 + 0.01::DOUBLE) / (1 - 0.01::DOUBLE)) AS log_gamma  -- the sketch's 1 % buckets
),
spans AS (
  SELECT *, row_number() OVER (PARTITION BY trace_id, span_id ORDER BY start_time) AS copy
  FROM read_parquet(getvariable('spans'))
  WHERE start_time >= getvariable('window_start') AND start_time < getvariable('window_end')
),
usage AS (
  SELECT
    trace_id, span_id, parent_span_id,
    coalesce(
      nullif(attributes['tokentax.feature'], ''), nullif(resource_attributes['tokentax.feature'], ''),
      nullif(attributes['gen_ai.agent.name'], ''),
      -- a span name that names something, not the default "{operation} {model}"
      CASE WHEN name <> '' AND NOT starts_with(name, 'ai.')
        AND (operation IS NULL OR (name <> operation AND NOT starts_with(name, operation || ' '))) THEN name END,
      'unattributed') AS feature,
    coalesce(attributes['gen_ai.response.model'], attributes['gen_ai.request.model'], 'unknown') AS model,
    coalesce(attributes['tokentax.case'], resource_attributes['tokentax.case']) AS case_id,
    coalesce(attributes['tokentax.batch'] = 'true', false) AS batch,
    coalesce(operation IN ('invoke_agent', 'invoke_workflow', 'create_agent', 'execute_tool'), false) AS aggregate,
    input, cache_read, cache_write, output, reasoning
  FROM (
    SELECT *,
      attributes['gen_ai.operation.name'] AS operation,
      CAST(coalesce(attributes['gen_ai.usage.input_tokens'], attributes['gen_ai.usage.prompt_tokens']) AS BIGINT) AS input,
      CAST(coalesce(attributes['gen_ai.usage.output_tokens'], attributes['gen_ai.usage.completion_tokens']) AS BIGINT) AS output,
      CAST(coalesce(attributes['gen_ai.usage.cache_read.input_tokens'], attributes['gen_ai.usage.cache_read_input_tokens'],
        attributes['gen_ai.usage.input_tokens.cached']) AS BIGINT) AS cache_read,
      CAST(coalesce(attributes['gen_ai.usage.cache_creation.input_tokens'], attributes['gen_ai.usage.cache_write.input_tokens'],
        attributes['gen_ai.usage.cache_creation_input_tokens']) AS BIGINT) AS cache_write,
      CAST(coalesce(attributes['gen_ai.usage.reasoning.output_tokens'], attributes['gen_ai.usage.reasoning_tokens']) AS BIGINT)
        AS reasoning
    FROM spans
    WHERE copy = 1  -- a span exported twice counts once
  )
  WHERE coalesce(input, output, cache_read, cache_write) IS NOT NULL
    AND operation IS DISTINCT FROM 'fetch_response'  -- re-reads a stored response; not a call
),
calls AS (
  -- Disjoint buckets: gen_ai input includes cache reads and writes, output includes reasoning
  -- (unless the emitter broke the rule: then the parts cannot be inside the total).
  SELECT
    u.feature, u.model, u.case_id, u.batch, u.trace_id, u.span_id,
    CASE WHEN coalesce(u.cache_read, 0) + coalesce(u.cache_write, 0) <= coalesce(u.input, 0)
      THEN coalesce(u.input, 0) - coalesce(u.cache_read, 0) - coalesce(u.cache_write, 0)
      ELSE coalesce(u.input, 0) END AS uncached_input_tokens,
    coalesce(u.cache_read, 0) AS cache_read_tokens,
    coalesce(u.cache_write, 0) AS cache_write_tokens,
    CASE WHEN coalesce(u.reasoning, 0) <= coalesce(u.output, 0) THEN coalesce(u.output, 0)
      ELSE coalesce(u.output, 0) + u.reasoning END AS output_tokens,
    coalesce(u.reasoning, 0) AS reasoning_tokens
  FROM usage u
  -- An agent/workflow/tool span carries its children's sum: it counts only when its trace has
  -- no model-call span with usage and no aggregate child with usage.
  WHERE NOT u.aggregate OR NOT EXISTS (
    SELECT 1 FROM usage c
    WHERE c.trace_id = u.trace_id AND c.span_id <> u.span_id AND (NOT c.aggregate OR c.parent_span_id = u.span_id))
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
  CROSS JOIN (VALUES ('input_tokens'), ('uncached_input_tokens'), ('cache_read_tokens'), ('cache_write_tokens'),
    ('output_tokens'), ('reasoning_tokens')) q(quantity)
),
buckets AS (
  SELECT feature, quantity, CAST(ceil(ln(value) / log_gamma) AS BIGINT) AS bucket, count(*) AS n
  FROM quantity_values, params
  WHERE value > 0
  GROUP BY ALL
),
dense_bins AS (
  -- the sketch stores bucket counts densely from its lowest bucket
  SELECT r.feature, r.quantity, r.low, list(coalesce(b.n, 0) ORDER BY r.bucket) AS bins
  FROM (
    SELECT feature, quantity, low, unnest(range(low, high + 1)) AS bucket
    FROM (SELECT feature, quantity, min(bucket) AS low, max(bucket) AS high FROM buckets GROUP BY ALL)
  ) r
  LEFT JOIN buckets b USING (feature, quantity, bucket)
  GROUP BY ALL
),
quantities AS (
  SELECT v.feature,
    map(
      list(v.quantity ORDER BY v.quantity),
      list({
        'sum': v.total, 'sum_of_squares': v.squares,
        'sketch': {'zero': v.zero, 'offset': coalesce(d.low, 0), 'bins': coalesce(d.bins, [])}
      } ORDER BY v.quantity)) AS quantities
  FROM (
    SELECT feature, quantity, sum(value) AS total, CAST(sum(value * value) AS DOUBLE) AS squares,
      count(*) FILTER (WHERE value = 0) AS zero
    FROM quantity_values GROUP BY ALL
  ) v
  LEFT JOIN dense_bins d USING (feature, quantity)
  GROUP BY v.feature
),
models AS (
  SELECT feature,
    list({
      'model': model, 'batch': batch, 'calls': calls, 'cost_usd': NULL,  -- tokentax prices the tokens
      'uncached_input_tokens': uncached_input_tokens, 'cache_read_tokens': cache_read_tokens,
      'cache_write_tokens': cache_write_tokens, 'output_tokens': output_tokens, 'reasoning_tokens': reasoning_tokens
    } ORDER BY model, batch) AS models,
    sum(calls) AS calls
  FROM (
    SELECT feature, model, batch, count(*) AS calls, sum(uncached_input_tokens) AS uncached_input_tokens,
      sum(cache_read_tokens) AS cache_read_tokens, sum(cache_write_tokens) AS cache_write_tokens,
      sum(output_tokens) AS output_tokens, sum(reasoning_tokens) AS reasoning_tokens
    FROM calls GROUP BY ALL
  )
  GROUP BY feature
),
samples AS (
  -- bottom-k on a hash of the case id: base and head keep the same cases, so pairing survives
  SELECT feature,
    list({
      'model': model, 'case': case_id, 'batch': batch,
      'uncached_input_tokens': uncached_input_tokens, 'cache_read_tokens': cache_read_tokens,
      'cache_write_tokens': cache_write_tokens, 'output_tokens': output_tokens, 'reasoning_tokens': reasoning_tokens
    } ORDER BY priority, trace_id, span_id) AS calls
  FROM (
    SELECT *, hash(coalesce(case_id, trace_id || '/' || span_id)) AS priority,
      row_number() OVER (PARTITION BY feature ORDER BY hash(coalesce(case_id, trace_id || '/' || span_id)), trace_id, span_id)
        AS rank
    FROM calls
  ), params
  WHERE rank <= sample_capacity
  GROUP BY feature
)
SELECT
  1 AS schema_version,
  [{
    'id': m.feature, 'models': m.models,
    'stats': {
      'calls': m.calls, 'quantities': q.quantities,
      'sample': {'capacity': p.sample_capacity, 'seen': m.calls, 'calls': s.calls}
    }
  }] AS features,
  0 AS skipped_lines
FROM models m
JOIN quantities q USING (feature)
JOIN samples s USING (feature)
CROSS JOIN params p
ORDER BY m.feature
