/// What `check` found, before anyone decides how the process ends: the comparison, the
/// verdict on it and the revisions compared.
public struct CheckOutcome: Sendable, Equatable {
  public var comparison: Comparison
  public var verdict: Verdict
  public var base: Report.Revision
  public var head: Report.Revision
  /// The date of the newest price row used.
  public var pricesAsOf: String

  /// The report, stating `exitCode` (which `Commands/` chose for the verdict).
  public func report(exitCode: ExitCode) -> Report {
    Report(
      comparison: comparison, verdict: verdict, base: base, head: head, pricesAsOf: pricesAsOf,
      exitCode: exitCode.rawValue)
  }
}
