import Foundation
import Testing

@testable import TokenTaxKit

/// Counts every request/usage pair in `fixtures/requests` and holds the accuracy to the issue's
/// targets (and to what was measured when the rules were written, so a change cannot slip).
@Suite struct RequestAccuracyTests {
  @Test func openAITextChatRequestsMatchThePromptTokensOfEverySample() throws {
    let measured = try RequestAccuracy.openAI().filter { $0.count.api == .chatCompletions && $0.fixture.kind == "text" }
    #expect(measured.count > 500)
    for item in measured where item.error != 0 {
      Issue.record(
        "\(item.fixture.testDescription) \(item.fixture.model): counted \(item.count.inputTokens), billed \(item.fixture.reported)"
      )
    }
  }

  @Test func curatedExamplesAreIdentical() throws {
    let measured = try RequestAccuracy.openAI().filter { !$0.fixture.file.hasPrefix("recorded-") }
    #expect(measured.count == 48)
    #expect(measured.allSatisfy { $0.error == 0 })
  }

  @Test func toolsAndResponseFormatsStayWithinTheMeasuredAccuracy() throws {
    let chat = try RequestAccuracy.openAI().filter { $0.count.api == .chatCompletions }
    let tools = chat.filter { $0.fixture.kind == "tools" }
    let within = Double(tools.filter { $0.percent <= 1 }.count) / Double(tools.count)
    #expect(within >= 0.93, "chat requests with tools within ±1 %: \(within)")
    let formats = chat.filter { $0.fixture.kind == "response format" }
    let formatsWithin = Double(formats.filter { $0.percent <= 1 }.count) / Double(formats.count)
    #expect(formatsWithin >= 0.7, "chat requests with response formats within ±1 %: \(formatsWithin)")
    let images = chat.filter { $0.fixture.kind == "images" }
    #expect(images.allSatisfy { $0.percent <= 1 })
  }

  @Test func accuracyTables() throws {
    let openAI = RequestAccuracy.openAITable(try RequestAccuracy.openAI())
    let estimated = RequestAccuracy.estimatedTable(try RequestAccuracy.estimated())
    assertSnapshot("## OpenAI (exact rules)\n\n" + openAI + "\n## Estimated families\n\n" + estimated, extension: "md")
    // docs/requests.md quotes both tables; they must be the measured ones.
    let docs = try String(
      contentsOf: RequestFixture.directory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/requests.md"), encoding: .utf8)
    #expect(docs.contains(openAI), "docs/requests.md: the OpenAI accuracy table is stale")
    #expect(docs.contains(estimated), "docs/requests.md: the estimated-families table is stale")
  }
}
