import Testing

@testable import JSON

@Suite struct JSONObjectTests {
  @Test func parsedObjectsKeepTheWrittenOrderAndReportsSortIt() throws {
    let value = try JSONParser().parse(#"{"zeta": 1, "alpha": {"y": [{"b": 1, "a": 2}], "x": null}, "mid": "m"}"#)
    #expect(value.objectValue?.keys == ["zeta", "alpha", "mid"])
    #expect(value["alpha"]?.objectValue?.keys == ["y", "x"])
    #expect(JSONWriter.asWritten(value) == #"{"zeta":1,"alpha":{"y":[{"b":1,"a":2}],"x":null},"mid":"m"}"#)
    #expect(JSONWriter.string(value, pretty: false) == #"{"alpha":{"x":null,"y":[{"a":2,"b":1}]},"mid":"m","zeta":1}"#)
  }

  @Test func aRepeatedKeyKeepsItsFirstPlaceAndItsLastValue() throws {
    let value = try JSONParser().parse(#"{"a": 1, "b": 2, "a": 3}"#)
    #expect(value.objectValue?.keys == ["a", "b"])
    #expect(value["a"] == .number("3"))
  }

  @Test func equalityIgnoresOrderButNotValues() {
    let one: JSONObject = ["a": .int(1), "b": .int(2)]
    let other: JSONObject = ["b": .int(2), "a": .int(1)]
    #expect(one == other)
    #expect(one != ["a": .int(1), "b": .int(3)])
    #expect(one != ["a": .int(1)])
  }

  /// Past a dozen members lookups go through an index, which must follow every edit.
  @Test func largeObjectsFindEveryMemberAfterEdits() {
    var object = JSONObject((0..<40).map { (key: "k\($0)", value: JSONValue.int($0)) })
    #expect(object["k0"] == .int(0))
    #expect(object["k39"] == .int(39))
    object["k5"] = nil
    #expect(object["k5"] == nil)
    #expect(object["k6"] == .int(6))
    #expect(object["k39"] == .int(39))
    object["new"] = .int(99)
    object["k39"] = .string("changed")
    #expect(object.count == 40)
    #expect(object.keys.last == "new")
    #expect(object["k39"] == .string("changed"))
    #expect(object.keys.firstIndex(of: "k39") == 38)
    for index in 0..<35 where index != 5 { object["k\(index)"] = nil }
    #expect(object.keys == ["k35", "k36", "k37", "k38", "k39", "new"])
    #expect(object["k36"] == .int(36))
  }

  @Test func mergingKeepsThePlaceOfKeysBothHave() {
    let resource: JSONObject = ["service": .string("api"), "region": .string("eu")]
    let merged = resource.merging(["region": .string("us"), "span": .string("chat")])
    #expect(merged.keys == ["service", "region", "span"])
    #expect(merged["region"] == .string("us"))
  }
}
