-- tokentax trace summary from OpenTelemetry GenAI spans: ClickHouse (24.8 or later).
--
-- Input: the OpenTelemetry Collector ClickHouse exporter's table, one row per span:
--   otel_traces (Timestamp DateTime64(9), TraceId String, SpanId String, ParentSpanId String,
--     SpanName LowCardinality(String), SpanAttributes Map(LowCardinality(String), String),
--     ResourceAttributes Map(LowCardinality(String), String), …)
-- Output: one JSON line per feature, each a `traces summarize --json` summary (schema_version 1):
--
--   clickhouse client --param_window_start='2026-11-09 00:00:00' --param_window_end='2026-11-16 00:00:00' \
--     --queries-file docs/warehouse/clickhouse.sql > head.summary.jsonl
WITH
spans AS (
  SELECT TraceId AS trace_id, SpanId AS span_id, ParentSpanId AS parent_span_id, SpanName AS name,
    SpanAttributes AS a, ResourceAttributes AS r
  FROM otel_traces
  WHERE Timestamp >= {window_start:DateTime64(9)} AND Timestamp < {window_end:DateTime64(9)}
  LIMIT 1 BY TraceId, SpanId  -- a span exported twice counts once
),
usage AS (
  SELECT trace_id, span_id, parent_span_id,
    nullIf(a['gen_ai.operation.name'], '') AS operation,
    coalesce(
      nullIf(a['tokentax.feature'], ''), nullIf(r['tokentax.feature'], ''), nullIf(a['gen_ai.agent.name'], ''),
      -- a span name that names something, not the default "{operation} {model}"
      if(name != '' AND NOT startsWith(name, 'ai.')
        AND (operation IS NULL OR (name != operation AND NOT startsWith(name, concat(operation, ' ')))), name, NULL),
      'unattributed') AS feature,
    coalesce(nullIf(a['gen_ai.response.model'], ''), nullIf(a['gen_ai.request.model'], ''), 'unknown') AS model,
    coalesce(nullIf(a['tokentax.case'], ''), nullIf(r['tokentax.case'], '')) AS case_id,
    CAST(ifNull(a['tokentax.batch'] = 'true', 0) AS Bool) AS batch,
    ifNull(operation IN ('invoke_agent', 'invoke_workflow', 'create_agent', 'execute_tool'), false) AS aggregate,
    toInt64(coalesce(nullIf(a['gen_ai.usage.input_tokens'], ''), nullIf(a['gen_ai.usage.prompt_tokens'], ''))) AS input,
    toInt64(coalesce(nullIf(a['gen_ai.usage.output_tokens'], ''), nullIf(a['gen_ai.usage.completion_tokens'], ''))) AS output,
    toInt64(coalesce(nullIf(a['gen_ai.usage.cache_read.input_tokens'], ''), nullIf(a['gen_ai.usage.cache_read_input_tokens'], ''),
      nullIf(a['gen_ai.usage.input_tokens.cached'], ''))) AS cache_read,
    toInt64(coalesce(nullIf(a['gen_ai.usage.cache_creation.input_tokens'], ''), nullIf(a['gen_ai.usage.cache_write.input_tokens'], ''),
      nullIf(a['gen_ai.usage.cache_creation_input_tokens'], ''))) AS cache_write,
    toInt64(coalesce(nullIf(a['gen_ai.usage.reasoning.output_tokens'], ''), nullIf(a['gen_ai.usage.reasoning_tokens'], '')))
      AS reasoning
  FROM spans
  WHERE coalesce(input, output, cache_read, cache_write) IS NOT NULL
    AND ifNull(operation != 'fetch_response', true)  -- re-reads a stored response; not a call
),
traces AS (
  SELECT trace_id, countIf(NOT aggregate) > 0 AS has_model_call, groupArrayIf(parent_span_id, aggregate) AS aggregate_parents
  FROM usage GROUP BY trace_id
),
calls AS (
  -- Disjoint buckets: gen_ai input includes cache reads and writes, output includes reasoning
  -- (unless the emitter broke the rule: then the parts cannot be inside the total).
  SELECT u.feature AS feature, u.model AS model, u.case_id AS case_id, u.batch AS batch, u.trace_id AS trace_id,
    u.span_id AS span_id,
    ifNull(u.input, 0) AS input_total, ifNull(u.cache_read, 0) AS cache_read_tokens, ifNull(u.cache_write, 0) AS cache_write_tokens,
    if(cache_read_tokens + cache_write_tokens <= input_total, input_total - cache_read_tokens - cache_write_tokens, input_total)
      AS uncached_input_tokens,
    ifNull(u.reasoning, 0) AS reasoning_tokens,
    if(reasoning_tokens <= ifNull(u.output, 0), ifNull(u.output, 0), ifNull(u.output, 0) + reasoning_tokens) AS output_tokens
  FROM usage AS u
  INNER JOIN traces AS t ON u.trace_id = t.trace_id
  -- An agent/workflow/tool span carries its children's sum: it counts only when its trace has
  -- no model-call span with usage and no aggregate child with usage.
  WHERE NOT u.aggregate OR (NOT t.has_model_call AND NOT has(t.aggregate_parents, u.span_id))
),
quantity_values AS (
  SELECT feature, quantity, value
  FROM calls
  ARRAY JOIN
    ['input_tokens', 'uncached_input_tokens', 'cache_read_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens']
      AS quantity,
    [uncached_input_tokens + cache_read_tokens + cache_write_tokens, uncached_input_tokens, cache_read_tokens, cache_write_tokens,
      output_tokens, reasoning_tokens] AS value
),
sketches AS (
  -- the sketch's 1 % buckets, stored densely from the lowest one
  SELECT feature, quantity, min(bucket) AS low, max(bucket) AS high, mapFromArrays(groupArray(bucket), groupArray(n)) AS counts,
    arrayMap(i -> counts[i], range(low, high + 1)) AS bins
  FROM (
    SELECT feature, quantity, toInt64(ceil(log(value) / log((1 + 0.01) / (1 - 0.01)))) AS bucket, count() AS n
    FROM quantity_values WHERE value > 0 GROUP BY feature, quantity, bucket
  )
  GROUP BY feature, quantity
),
quantities AS (
  SELECT m.feature AS feature,
    mapFromArrays(
      groupArray(m.quantity),
      groupArray(tuple(m.total AS sum, m.squares AS sum_of_squares,
        tuple(m.zero AS zero, s.low AS offset, s.bins AS bins) AS sketch))) AS quantities
  FROM (
    SELECT feature, quantity, sum(value) AS total, toFloat64(sum(toInt128(value) * value)) AS squares, countIf(value = 0) AS zero
    FROM quantity_values GROUP BY feature, quantity
  ) AS m
  LEFT JOIN sketches AS s ON m.feature = s.feature AND m.quantity = s.quantity  -- no buckets: offset 0, bins []
  GROUP BY m.feature
),
models AS (
  SELECT feature, sum(row_calls) AS feature_calls,
    groupArray(tuple(model AS model, batch AS batch, row_calls AS calls, uncached_input_tokens AS uncached_input_tokens,
      cache_read_tokens AS cache_read_tokens, cache_write_tokens AS cache_write_tokens, output_tokens AS output_tokens,
      reasoning_tokens AS reasoning_tokens)) AS models  -- no cost_usd: tokentax prices the tokens
  FROM (
    SELECT feature, model, batch, count() AS row_calls, sum(uncached_input_tokens) AS uncached_input_tokens,
      sum(cache_read_tokens) AS cache_read_tokens, sum(cache_write_tokens) AS cache_write_tokens,
      sum(output_tokens) AS output_tokens, sum(reasoning_tokens) AS reasoning_tokens
    FROM calls GROUP BY feature, model, batch
  )
  GROUP BY feature
),
samples AS (
  -- bottom-k on a hash of the case id: base and head keep the same cases, so pairing survives
  SELECT feature,
    tuple(4096 AS capacity, any(feature_calls) AS seen,
      groupArray(tuple(model AS model, case_id AS `case`, batch AS batch, uncached_input_tokens AS uncached_input_tokens,
        cache_read_tokens AS cache_read_tokens, cache_write_tokens AS cache_write_tokens, output_tokens AS output_tokens,
        reasoning_tokens AS reasoning_tokens)) AS calls) AS sample
  FROM (
    SELECT *, count() OVER (PARTITION BY feature) AS feature_calls
    FROM calls
    ORDER BY feature, cityHash64(coalesce(case_id, concat(trace_id, '/', span_id))), trace_id, span_id
    LIMIT 4096 BY feature  -- CallReservoir.defaultCapacity
  )
  GROUP BY feature
)
SELECT
  1 AS schema_version,
  [tuple(m.feature AS id, m.models AS models, tuple(m.feature_calls AS calls, q.quantities AS quantities, s.sample AS sample) AS stats)]
    AS features,
  0 AS skipped_lines
FROM models AS m
INNER JOIN quantities AS q ON m.feature = q.feature
INNER JOIN samples AS s ON m.feature = s.feature
ORDER BY m.feature
SETTINGS enable_named_columns_in_function_tuple = 1, output_format_json_quote_64bit_integers = 0
FORMAT JSONEachRow
