import Foundation

/// A mergeable quantile sketch with 1 % relative accuracy (DDSketch: logarithmic buckets).
///
/// Merging adds bucket counts, so sketches built on different machines, or by a warehouse
/// query, combine exactly; the result does not depend on the order values arrived in.
public struct QuantileSketch: Sendable, Equatable {
  /// Relative accuracy α: every quantile is within α of a true value.
  public static let relativeAccuracy = 0.01
  static let gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy)
  static let logGamma = log(gamma)

  public private(set) var count = 0
  /// Values that are zero (token counts often are: no cache reads, no reasoning).
  public private(set) var zeroCount = 0
  /// The bucket index of `bins[0]`; bucket i holds values in (γ^(i−1), γ^i].
  public private(set) var offset = 0
  public private(set) var bins: [Int] = []

  public init() {}

  /// A sketch from stored parts (a summary input); nil when the parts are inconsistent.
  public init?(zeroCount: Int, offset: Int, bins: [Int]) {
    guard zeroCount >= 0, bins.allSatisfy({ $0 >= 0 }) else { return nil }
    self.zeroCount = zeroCount
    self.offset = offset
    self.bins = bins
    count = zeroCount + bins.reduce(0, +)
  }

  /// Adds a non-negative value (negative values count as zero).
  public mutating func add(_ value: Double) {
    count += 1
    guard value > 0 else {
      zeroCount += 1
      return
    }
    increment(Int((log(value) / Self.logGamma).rounded(.up)), by: 1)
  }

  public mutating func merge(_ other: QuantileSketch) {
    count += other.zeroCount
    zeroCount += other.zeroCount
    for (position, weight) in other.bins.enumerated() where weight > 0 {
      count += weight
      increment(other.offset + position, by: weight)
    }
  }

  /// The value at quantile `q` (0…1), or nil when the sketch is empty.
  public func quantile(_ q: Double) -> Double? {
    guard count > 0 else { return nil }
    let rank = q * Double(count - 1)
    var seen = zeroCount
    if Double(seen) > rank { return 0 }
    for (position, weight) in bins.enumerated() {
      seen += weight
      if Double(seen) > rank { return Self.value(ofBucket: offset + position) }
    }
    return Self.value(ofBucket: offset + bins.count - 1)
  }

  /// The bucket's representative, within α of every value in it.
  static func value(ofBucket index: Int) -> Double {
    2 * pow(gamma, Double(index)) / (gamma + 1)
  }

  private mutating func increment(_ index: Int, by weight: Int) {
    if bins.isEmpty {
      offset = index
      bins = [weight]
      return
    }
    if index < offset {
      bins.insert(contentsOf: repeatElement(0, count: offset - index), at: 0)
      offset = index
    } else if index >= offset + bins.count {
      bins.append(contentsOf: repeatElement(0, count: index - offset - bins.count + 1))
    }
    bins[index - offset] += weight
  }
}
