import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// The editor schema must list exactly the keys the decoder accepts, or editors lie to users.
@Suite struct SchemaTests {
  static let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../schema/tokentax.schema.json").standardized

  func properties(_ value: JSONValue?) -> Set<String> { Set(value?["properties"]?.objectValue?.keys ?? []) }

  @Test func schemaMatchesTheDecoder() throws {
    let schema = try JSONParser().parse(try Data(contentsOf: Self.schemaURL))
    #expect(properties(schema) == Set(ConfigDecoder.topKeys), "regenerate schema/tokentax.schema.json")
    let feature = schema["properties"]?["features"]?["items"]
    #expect(properties(feature) == Set(ConfigDecoder.featureKeys))
    #expect(properties(feature?["properties"]?["prompt"]?["items"]) == Set(ConfigDecoder.partKeys))
    #expect(properties(schema["$defs"]?["thresholdSet"]) == Set(ThresholdSet.keys))
  }
}
