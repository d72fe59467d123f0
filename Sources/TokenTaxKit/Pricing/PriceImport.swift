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
    let object = try PriceTable.document(
      data, named: name, expected: "LiteLLM's model map (a JSON object of models)")
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

  /// The file at the target path, read once: whether an import may overwrite it (a LiteLLM
  /// map, or a file an import wrote with the same source; a hand-kept price file is not), and
  /// its rows to compare with (nil when they cannot be read as prices).
  static func existing(_ data: Data, named name: String, source: String) -> (mayReplace: Bool, rows: PriceTable?) {
    guard let object = try? PriceTable.document(data, named: name, expected: "") else { return (false, nil) }
    let mayReplace = PriceTable.format(of: object) == .litellm || object["source"]?.stringValue == source
    return (mayReplace, try? PriceTable(rows: []).adding(document: object, named: name))
  }
}
