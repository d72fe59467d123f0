import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// The `source` of each number reads back as the typed source it was written from.
@Suite struct ReportSourceDecodingTests {
  @Test func sourcesRoundTripThroughTheJSONReport() throws {
    let text = JSONReporter.render(SampleReport.report, context: ReportContext())
    let decoded = try ReportDecoder.decode(text, file: "report.json")
    #expect(decoded.features.map { $0.head?.sources } == SampleReport.report.features.map { $0.head?.sources })
  }

  @Test func anUnknownSourceNamesItsField() throws {
    let text = JSONReporter.render(SampleReport.report, context: ReportContext())
      .replacingOccurrences(of: "\"output_tokens\": \"traces\"", with: "\"output_tokens\": \"guess\"")
    let error = #expect(throws: JSONFieldError.self) {
      try ReportDecoder.decode(text, file: "r.json")
    }
    #expect(error?.path == "features[0].base.source.output_tokens")
    #expect(
      error?.problem.hasPrefix("is \"guess\", expected one of template, request, traces, config, default") == true)
  }
}
