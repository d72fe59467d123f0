import JSON

/// `--format json`: the README's JSON report document, pretty-printed with sorted keys.
public enum JSONReporter: Reporter {
  public static let identifier = "json"

  public static func render(_ report: Report, context: ReportContext) -> String {
    JSONWriter.string(report.jsonValue) + "\n"
  }
}
