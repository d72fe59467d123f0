import Foundation
import JSON
import Testing

@testable import TokenTaxKit

@Suite struct RequestPiecesTests {
  @Test func keyOrderFollowsTheBytes() {
    let bytes = Array(#"{"b": 1, "a": {"z": [{"y": 1, "x": 2}], "c\"d": 3}}"#.utf8)
    let value = (try? JSONParser().parse(bytes)) ?? .null
    #expect(value.objectValue?.keys == ["b", "a"])
    #expect(JSONWriter.asWritten(value) == #"{"b":1,"a":{"z":[{"y":1,"x":2}],"c\"d":3}}"#)
    #expect(JSONWriter.string(value, pretty: false) == #"{"a":{"c\"d":3,"z":[{"x":2,"y":1}]},"b":1}"#)
    #expect(JSONWriter.minify(#"{ "b" : "x y",  "a":[1, 2] }"#) == #"{"b":"x y","a":[1,2]}"#)
    #expect(JSONWriter.minify("not json") == "not json")
  }

  @Test func rawMemberKeepsTheRequestAsWritten() throws {
    let line = Array(#"{"source": "x, y", "request": {"b": [1, {"c": "}"}], "a": 2} , "usage": {"n": 1}}"#.utf8)
    let raw = try #require(CalibrationSample.rawValue(of: "request", in: line))
    #expect(String(decoding: raw, as: UTF8.self) == #"{"b": [1, {"c": "}"}], "a": 2}"#)
    #expect(CalibrationSample.rawValue(of: "missing", in: line) == nil)
  }

  @Test(arguments: [
    ("iVBORw0KGgoAAAANSUhEUgAAAoAAAAHgCAIAAAAAAAAA", 640, 480),  // PNG
    ("R0lGODlhZAAyAIAAAP///wAAACw=", 100, 50),  // GIF
    ("/9j/4AAQSkZJRgABAQAAAQABAAD/wAARCAAgAEADAREAAhEBAxEB", 64, 32),  // JPEG
  ])
  func imageSizesFromHeaders(base64: String, width: Int, height: Int) {
    #expect(ImageSize(base64OrDataURL: base64) == ImageSize(width: width, height: height))
  }

  @Test func openAIImageFormulasMatchTheDocumentedExamples() {
    let tiles = OpenAIImageTokens.rule(for: "gpt-4o")
    // Documented: 1024×1024 high = 765; 2048×4096 high = 1105; low = 85.
    #expect(OpenAIImageTokens.tokens(ImageSize(width: 1024, height: 1024), detail: "high", rule: tiles) == 765)
    #expect(OpenAIImageTokens.tokens(ImageSize(width: 2048, height: 4096), detail: nil, rule: tiles) == 1105)
    #expect(OpenAIImageTokens.tokens(ImageSize(width: 4096, height: 8192), detail: "low", rule: tiles) == 85)
    // Documented patch example: 1024×1024 = 1024 patches; 1800×2400 rescales to 1452 patches;
    // recorded calls bill one token more per image.
    #expect(
      OpenAIImageTokens.tokens(ImageSize(width: 1024, height: 1024), detail: nil, rule: .patches(multiplier: 1)) == 1025
    )
    #expect(
      OpenAIImageTokens.tokens(ImageSize(width: 1800, height: 2400), detail: nil, rule: .patches(multiplier: 1)) == 1453
    )
    #expect(
      OpenAIImageTokens.tokens(ImageSize(width: 640, height: 480), detail: nil, rule: .patches(multiplier: 1.62)) == 488
    )
    // Anthropic: 28-pixel patches + 4 (the recorded 1001×1001 calls bill 1,296 + 4); an image
    // over 1,568 px on its long edge is scaled down first.
    #expect(MediaTokens.anthropicImage(ImageSize(width: 1001, height: 1001)) == 1300)
    #expect(MediaTokens.anthropicImage(ImageSize(width: 100, height: 100)) == 20)
    #expect(MediaTokens.anthropicImage(ImageSize(width: 3136, height: 392)) == 56 * 7 + 4)
    let small = ImageSize(width: 300, height: 300)
    #expect(MediaTokens.geminiImage(small, model: "gemini-2.5-flash", resolution: nil) == 258)
    // Two 768-px tiles and the whole image; the recorded 3008 × 2000 call bills 13 × 258.
    #expect(
      MediaTokens.geminiImage(ImageSize(width: 1000, height: 700), model: "gemini-2.0-flash", resolution: nil) == 774)
    #expect(
      MediaTokens.geminiImage(ImageSize(width: 3008, height: 2000), model: "gemini-2.0-flash", resolution: nil) == 3354)
    #expect(
      MediaTokens.geminiImage(ImageSize(width: 700, height: 500), model: "gemini-2.5-flash", resolution: nil) == 258)
    // Gemini 3 bills a budget by media resolution, whatever the size.
    #expect(MediaTokens.geminiImage(small, model: "vertex_ai/gemini-3-flash-preview", resolution: nil) == 1120)
    #expect(MediaTokens.geminiImage(small, model: "gemini-3-pro-preview", resolution: "MEDIA_RESOLUTION_LOW") == 280)
    #expect(MediaTokens.geminiImage(small, model: "gemini-3-pro-preview", resolution: "media_resolution_medium") == 560)
  }

  @Test func reportedUsageShapes() {
    #expect(ReportedUsage.inputTokens(.object(["prompt_tokens": .int(12)])) == 12)
    #expect(
      ReportedUsage.inputTokens(
        .object([
          "input_tokens": .int(10), "cache_read_input_tokens": .int(100), "cache_creation_input_tokens": .int(5),
        ]))
        == 115)
    #expect(
      ReportedUsage.inputTokens(response: .object(["usageMetadata": .object(["promptTokenCount": .int(7)])])) == 7)
  }

  @Test func apiDetection() {
    #expect(RequestAPI.detect(JSONValue.object(["contents": .array([])]), model: nil) == .gemini)
    #expect(
      RequestAPI.detect(JSONValue.object(["messages": .array([])]), model: "claude-haiku-4-5") == .anthropicMessages)
    #expect(
      RequestAPI.detect(JSONValue.object(["messages": .array([]), "system": .string("x")]), model: "acme")
        == .anthropicMessages)
    #expect(RequestAPI.detect(JSONValue.object(["messages": .array([])]), model: "gpt-4o") == .chatCompletions)
    #expect(RequestAPI.detect(JSONValue.object(["input": .string("x")]), model: "gpt-4o") == .responses)
    #expect(RequestAPI.detect(JSONValue.object(["model": .string("x")]), model: "gpt-4o") == nil)
  }

  @Test func leastSquaresRecoversALine() throws {
    let rows = [[1.0, 1], [2, 1], [3, 1], [4, 1]]
    let solution = try #require(LeastSquares.solve(rows: rows, targets: [5, 7, 9, 11]))
    #expect(abs(solution[0] - 2) < 1e-9 && abs(solution[1] - 3) < 1e-9)
    #expect(LeastSquares.solve(rows: [[1, 1], [1, 1]], targets: [1, 2]) == nil)
  }
}
