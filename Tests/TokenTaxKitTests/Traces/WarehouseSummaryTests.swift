import Testing

@testable import TokenTaxKit

/// `docs/warehouse/duckdb.sql` and `clickhouse.sql`, run over `fixtures/warehouse/spans.parquet`
/// (a base and a head week; `regenerate.py`), produced the committed `<engine>.<side>.summary.jsonl`;
/// the same spans as OTLP/JSON lines sit beside them. Reading a query's output must give what
/// tokentax makes of the spans itself.
@Suite struct WarehouseSummaryTests {
  static let directory = "fixtures/warehouse/"

  @Test(arguments: ["duckdb", "clickhouse"], ["base", "head"])
  func queryOutputSummarizesLikeTheSpans(engine: String, side: String) {
    let fromQuery = TraceTestSupport.run([
      "traces", "summarize", Self.directory + "\(engine).\(side).summary.jsonl", "--json",
    ])
    let fromSpans = TraceTestSupport.run(["traces", "summarize", Self.directory + "spans.\(side).otlp.jsonl", "--json"])
    #expect(fromQuery.status == .success)
    #expect(fromQuery.stderr.isEmpty)
    #expect(fromQuery.stdout == fromSpans.stdout)
  }

  @Test func warehouseSummaryTable() {
    let result = TraceTestSupport.run(["traces", "summarize", Self.directory + "duckdb.head.summary.jsonl"])
    #expect(result.status == .success)
    assertSnapshot(result.stdout, extension: "txt")
  }

  @Test(arguments: ["duckdb", "clickhouse"])
  func queryOutputDiffsLikeTheSpans(engine: String) {
    let fromQuery = TraceTestSupport.run(
      [
        "traces", "diff", Self.directory + "\(engine).base.summary.jsonl",
        Self.directory + "\(engine).head.summary.jsonl", "--json",
      ])
    let fromSpans = TraceTestSupport.run(
      ["traces", "diff", Self.directory + "spans.base.otlp.jsonl", Self.directory + "spans.head.otlp.jsonl", "--json"])
    #expect(fromQuery.status == .success)
    #expect(fromQuery.stdout == fromSpans.stdout)
    #expect(fromQuery.stdout.contains(#""paired": true"#))
  }
}
