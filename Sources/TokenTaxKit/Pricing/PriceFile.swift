import Foundation
import JSON

/// Loading price sources over a table: files in either format (detected), and config overrides.
///
/// The order of calls is the order of precedence: built-in → `prices.files` → `--prices` →
/// `prices.overrides`, each laid over the table the previous one produced.
extension PriceTable {
  /// The two formats a price file can be in.
  public enum FileFormat: String, Sendable {
    /// `{ "version": 1, "models": { … } }`, see `TokenTaxPriceFormat`.
    case tokentax
    /// LiteLLM's `model_prices_and_context_window.json`, see `LiteLLMPriceFormat`.
    case litellm
  }

  /// This table with the price file at `url` laid over it; `name` is how errors and the
  /// `source` column name the file (the path as the user wrote it).
  public func adding(fileAt url: URL, named name: String) throws -> PriceTable {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      let reason = FileManager.default.fileExists(atPath: url.path) ? "it cannot be read" : "no such file"
      throw PriceFileError(file: name, problem: "\(reason); check the path given to --prices or prices.files")
    }
    return try adding(fileContents: data, named: name)
  }

  /// This table with a price document laid over it (format detected).
  public func adding<Bytes: Collection>(fileContents: Bytes, named name: String) throws -> PriceTable
  where Bytes.Element == UInt8 {
    try adding(
      document: Self.document(
        fileContents, named: name,
        expected: "a JSON object (tokentax's {\"version\": 1, \"models\": {…}} or LiteLLM's model map)"),
      named: name)
  }

  /// The top-level object of a price file; `expected` says what it should have been when it is not.
  static func document<Bytes: Collection>(_ bytes: Bytes, named name: String, expected: String) throws
    -> JSONObject where Bytes.Element == UInt8
  {
    let root: JSONValue
    do {
      root = try JSONParser(relaxed: true).parse(bytes)
    } catch let error as JSONParseError {
      throw error.in(name)
    }
    guard let object = root.objectValue else {
      throw JSONNode(root, file: name).invalid(expected)
    }
    return object
  }

  /// This table with a parsed price document laid over it (format detected).
  func adding(document object: JSONObject, named name: String) throws -> PriceTable {
    switch Self.format(of: object) {
    case .tokentax:
      var table = self
      try TokenTaxPriceFormat.apply(object, file: name, to: &table)
      return table
    case .litellm:
      return merging(try LiteLLMPriceFormat.table(object, file: name))
    }
  }

  /// This table with the config's `prices.overrides` (per-model objects of the tokentax format)
  /// laid over it. `path` is the overrides' field path in `file`, for errors.
  public func applyingOverrides(_ overrides: JSONValue, path: String = "prices.overrides", file: String) throws
    -> PriceTable
  {
    var table = self
    try TokenTaxPriceFormat.apply(models: overrides, path: path, file: file, source: file, date: "", to: &table)
    return table
  }

  /// Our format names itself with `version` / `models`; anything else is read as LiteLLM's map.
  static func format(of object: JSONObject) -> FileFormat {
    object["models"] != nil || object["version"] != nil ? .tokentax : .litellm
  }
}
