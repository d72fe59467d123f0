import Foundation

/// `prices update`: a fresh LiteLLM price map turned into the repository's own dated price file,
/// and what it changes against the file it replaces.
///
/// LiteLLM's map carries no dates, so a table read straight from it cannot say how old a price
/// is; the import stamps every row with the day it was taken (`prices --outdated` then tells),
/// and writes tokentax's format with sorted keys, so a pull request shows one line per changed
/// price instead of a 3 MB upstream diff. Rows state only what LiteLLM states: a field it leaves
/// out (a cache minimum, a calibration) keeps the built-in table's value when the file is read.
struct PriceImport {
  /// The file-level `source` of an imported file; also how `prices update` knows a file it may replace.
  static let defaultSource = "LiteLLM model_prices_and_context_window.json"

  /// The imported rows, dated `asOf`, sourced `source`.
  let table: PriceTable
  let asOf: String
  let source: String

  /// Reads a LiteLLM map; `name` is how errors name it. A tokentax-format file is refused: it is a
  /// price file already, to list in `prices.files`.
  init(litellm data: Data, named name: String, asOf: String, source: String = PriceImport.defaultSource) throws {
    let root: JSONValue
    do {
      root = try JSONParser(relaxed: true).parse(data)
    } catch let error as JSONParseError {
      throw error.in(name)
    }
    guard let object = root.objectValue else {
      throw PriceFileError(
        file: name, problem: "expected LiteLLM's model map (a JSON object of models), got \(root.kindDescription)")
    }
    guard PriceTable.format(of: object) == .litellm else {
      throw PriceFileError(
        file: name,
        problem: "is in tokentax's own price format already; list it in prices.files instead of importing it")
    }
    let read = try LiteLLMPriceFormat.table(object, file: name)
    let rows = read.rows.values.map { row in
      var row = row
      row.source = source
      row.date = asOf
      return row
    }
    table = PriceTable(rows: rows, aliases: read.aliases)
    self.asOf = asOf
    self.source = source
  }

  /// The file to commit: tokentax's price format, the source and date once at the top. Read back
  /// before it is returned: an import never writes a file the next `check` refuses.
  func document() throws -> String {
    let text = try PriceListing(table: table, models: []).json(fileSource: source, fileDate: asOf)
    let reread = try PriceTable(rows: []).adding(fileContents: Array(text.utf8), named: "the imported prices")
    guard reread.rows.count == table.rows.count else {
      throw PriceFileError(
        file: "the imported prices",
        problem: "read back \(reread.rows.count) of \(table.rows.count) rows; please report this")
    }
    return text
  }

  /// Whether `data` (the file at the target path) is one an import may overwrite: absent, a
  /// LiteLLM map, or a file an import wrote with the same source. A hand-kept price file is not.
  static func mayReplace(_ data: Data, source: String) -> Bool {
    guard let object = (try? JSONParser(relaxed: true).parse(data))?.objectValue else { return false }
    return PriceTable.format(of: object) == .litellm || object["source"]?.stringValue == source
  }

  /// The rows of the file being replaced, to compare with; nil when it cannot be read as prices.
  static func previous(_ data: Data, named name: String) -> PriceTable? {
    try? PriceTable(rows: []).adding(fileContents: data, named: name)
  }
}
