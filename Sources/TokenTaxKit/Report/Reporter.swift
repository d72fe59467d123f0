/// Renders a `Report` in one output format (SwiftLint's reporter shape: stateless, one per file).
///
/// Reporters are pure: the same report and context give the same bytes. Only `Commands/`
/// writes what they return.
public protocol Reporter {
  /// The `--format` spelling.
  static var identifier: String { get }
  static func render(_ report: Report, context: ReportContext) -> String
}

/// What a reporter may know about where its text goes, beyond the report itself.
public struct ReportContext: Sendable, Equatable {
  /// ANSI colour (the table on a terminal only).
  public var color: Bool
  /// Tells several configs' comments apart: the marker becomes `<!-- tokentax:TAG -->`.
  public var tag: String?
  /// Where annotations go when a violating feature has no changed prompt line.
  public var configPath: String
  /// The markdown body is truncated to stay under this many characters (GitHub: 65,536).
  public var characterLimit: Int

  public init(
    color: Bool = false, tag: String? = nil, configPath: String = "tokentax.json", characterLimit: Int = 65_536
  ) {
    self.color = color
    self.tag = tag
    self.configPath = configPath
    self.characterLimit = characterLimit
  }
}

/// The `--format` values, one reporter each.
public enum ReportFormat: String, CaseIterable, Sendable {
  case table, markdown, json, github

  public var reporter: any Reporter.Type {
    switch self {
    case .table: return TableReporter.self
    case .markdown: return MarkdownReporter.self
    case .json: return JSONReporter.self
    case .github: return GitHubReporter.self
    }
  }
}

extension Report {
  /// This report in `format`.
  public func rendered(as format: ReportFormat, context: ReportContext = ReportContext()) -> String {
    format.reporter.render(self, context: context)
  }
}
