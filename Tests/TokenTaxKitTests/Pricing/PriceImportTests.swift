import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// `prices update`'s conversion: a LiteLLM map written as tokentax's dated price format must price
/// every model the way the map itself does, and say what it changed.
@Suite struct PriceImportTests {
  func excerpt() throws -> Data {
    try Data(contentsOf: PriceFileTests.fixtures.appendingPathComponent("litellm-excerpt.json"))
  }

  func imported(asOf: String = "2026-12-01") throws -> PriceImport {
    try PriceImport(litellm: try excerpt(), named: "litellm.json", asOf: asOf)
  }

  @Test func everyRowIsDatedAndReadsBackTheSame() throws {
    let importer = try imported()
    let text = try importer.document()
    let reread = try PriceTable(rows: []).adding(fileContents: Array(text.utf8), named: "prices/litellm.json")
    #expect(reread.rows.keys.sorted() == importer.table.rows.keys.sorted())
    #expect(reread.aliases == importer.table.aliases)
    for (id, row) in importer.table.rows {
      let back = try #require(reread.rows[id])
      #expect(PriceChanges.samePrices(row, back), "\(id)")
      #expect(back.date == "2026-12-01")
      #expect(back.source == PriceImport.defaultSource)
    }
    // Source and date are stated once, at the top, not on 10 rows.
    let root = try JSONParser().parse(text)
    #expect(root["date"] == .string("2026-12-01"))
    #expect(root["models"]?["gpt-5"]?["date"] == nil)
    #expect(root["models"]?["gpt-5"]?["input"] == .number("1.25"))
  }

  /// Over the built-in table (how `check` reads `prices.files`), every id and alias of the map
  /// resolves to the same input, output and cache-read prices as the map read directly, although
  /// the built-in table lists `gpt-4o-2024-05-13`-style dated ids as aliases of other rows.
  @Test func pricesEveryModelAsTheMapDoes() throws {
    let importer = try imported()
    let direct = try PriceTable.builtIn().adding(fileContents: try excerpt(), named: "litellm.json")
    let converted = try PriceTable.builtIn().adding(
      fileContents: Array(try importer.document().utf8), named: "prices/litellm.json")
    let names = importer.table.rows.keys.sorted() + importer.table.aliases.keys.sorted()
    #expect(names.count == 13)
    for name in names {
      let a = try direct.lookup(name)
      let b = try converted.lookup(name)
      #expect(a.model == b.model, "\(name)")
      #expect((a.input, a.output, a.cacheRead) == (b.input, b.output, b.cacheRead), "\(name)")
    }
  }

  @Test func aFileRowKeyedByAnAliasIsItsOwnRow() throws {
    let file = """
      { "version": 1, "models": {
        "gpt-5": { "input": 1.1, "output": 10 },
        "gpt-5-2025-08-07": { "input": 1.25, "output": 10 } } }
      """
    let table = try PriceTable.builtIn().adding(fileContents: Array(file.utf8), named: "p.json")
    #expect(try table.lookup("gpt-5").input == Decimal(string: "1.1"))
    #expect(try table.lookup("gpt-5-2025-08-07").input == Decimal(string: "1.25"))
    let alone = #"{ "version": 1, "models": { "gpt-5-2025-08-07": { "input": 0.5, "output": 4 } } }"#
    let own = try PriceTable.builtIn().adding(fileContents: Array(alone.utf8), named: "p.json")
    #expect(try own.lookup("gpt-5").input == Decimal(string: "1.25"))
    #expect(try own.lookup("gpt-5-2025-08-07").input == Decimal(string: "0.5"))
    // A partial entry patches the row the alias names, and so does a config override.
    let patch = #"{ "version": 1, "models": { "gpt-5-2025-08-07": { "input": 0.5 } } }"#
    let patched = try PriceTable.builtIn().adding(fileContents: Array(patch.utf8), named: "p.json")
    #expect(try patched.lookup("gpt-5").input == Decimal(string: "0.5"))
    let overridden = try PriceTable.builtIn().applyingOverrides(
      .object(["gpt-5-2025-08-07": .object(["input": .number("0.5"), "output": .number("4")])]), file: "tokentax.json")
    #expect(try overridden.lookup("gpt-5").input == Decimal(string: "0.5"))
  }

  @Test func changesNameAddedRemovedAndRepricedRows() throws {
    let before = try imported().table
    var map = try JSONParser().parse(try excerpt()).objectValue ?? [:]
    var gpt5 = map["gpt-5"]?.objectValue ?? [:]
    gpt5["input_cost_per_token"] = .number("1.1e-06")
    map["gpt-5"] = .object(gpt5)
    (map["deepseek-chat"], map["deepseek/deepseek-chat"]) = (nil, nil)
    map["acme-1"] = .object(["input_cost_per_token": .number("1e-06"), "output_cost_per_token": .number("2e-06")])
    let after = try PriceImport(
      litellm: Data(JSONWriter.string(.object(map)).utf8), named: "new.json", asOf: "2026-12-02"
    ).table
    let changes = PriceChanges(previous: before, fresh: after)
    #expect(changes.added == ["acme-1"])
    #expect(changes.removed == ["deepseek-chat"])
    #expect(changes.repriced == ["gpt-5"])
    #expect(
      changes.lines(models: ["claude-sonnet-4-5", "deepseek-chat", "gpt-5"]) == [
        "  claude-sonnet-4-5  unchanged",
        "  deepseek-chat      not in the file: priced by the built-in table or prices.overrides",
        "  gpt-5              input $1.25 → $1.10 per 1M",
      ])
  }

  @Test(arguments: [
    (#"{"version": 1, "models": {}}"#, "is in tokentax's own price format already"),
    ("[1, 2]", "must be LiteLLM's model map (a JSON object of models), not an array"),
    (#"{"sample_spec": {}}"#, "no per-token prices found"),
    (#"{"gpt-5": {"input_cost_per_token": "#, "litellm.json:1:"),
  ])
  func badMapsAreRefusedWithOneSentence(text: String, message: String) throws {
    #expect {
      try PriceImport(litellm: Data(text.utf8), named: "litellm.json", asOf: "2026-12-01")
    } throws: { error in
      "\(error)".contains(message)
    }
  }

  @Test func onlyFilesAnImportWroteAreReplaced() throws {
    let written = try imported().document()
    #expect(PriceImport.existing(Data(written.utf8), named: "p.json", source: PriceImport.defaultSource).mayReplace)
    #expect(PriceImport.existing(try excerpt(), named: "p.json", source: PriceImport.defaultSource).mayReplace)
    let handKept = #"{"version": 1, "source": "our contract", "models": {"acme": {"input": 1, "output": 2}}}"#
    #expect(!PriceImport.existing(Data(handKept.utf8), named: "p.json", source: PriceImport.defaultSource).mayReplace)
    #expect(!PriceImport.existing(Data("not json".utf8), named: "p.json", source: PriceImport.defaultSource).mayReplace)
  }
}
