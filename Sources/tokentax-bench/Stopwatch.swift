/// Wall-clock timing for the benchmark.
enum Stopwatch {
  /// Seconds that `body` took.
  static func seconds(_ body: () -> Void) -> Double {
    let elapsed = ContinuousClock().measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }

  /// The median of `runs` timings of `body`.
  static func median(runs: Int, _ body: () -> Void) -> Double {
    let times = (0..<runs).map { _ in seconds(body) }.sorted()
    return times[times.count / 2]
  }

  /// The fastest of at least three runs and of as many as fit in `budget` seconds: short
  /// timings on a shared machine are noisy, and the fastest run is the least disturbed one.
  static func best(budget: Double = 0.3, _ body: () -> Void) -> Double {
    var fastest = Double.infinity
    var total = 0.0
    var runs = 0
    while runs < 3 || total < budget {
      let time = seconds(body)
      fastest = min(fastest, time)
      total += time
      runs += 1
    }
    return fastest
  }
}
