import Foundation

/// OpenAI's image-input token formulas ("Images and vision: calculating costs"): tile models
/// bill a base plus a price per 512-px tile of the image scaled into 2048 px and to a 768-px
/// short side; patch models bill 32-px patches (at most 1,536) times a model multiplier, + 1.
enum OpenAIImageTokens {
  enum Rule: Equatable {
    case tiles(base: Int, perTile: Int)
    case patches(multiplier: Double)
  }

  /// The documented rule per model; gpt-5-mini and gpt-5-nano multipliers are the ones that
  /// reproduce recorded calls (the documentation has changed for them).
  static func rule(for model: String) -> Rule {
    let name = ModelCatalog.identify(model).base
    let table: [(prefix: String, rule: Rule)] = [
      ("gpt-4o-mini", .tiles(base: 2833, perTile: 5667)),
      ("gpt-4.1-mini", .patches(multiplier: 1.62)), ("gpt-4.1-nano", .patches(multiplier: 2.46)),
      ("o4-mini", .patches(multiplier: 1.72)), ("gpt-5-mini", .patches(multiplier: 1.2)),
      ("gpt-5-nano", .patches(multiplier: 1.5)),
      ("o1", .tiles(base: 75, perTile: 150)), ("o3", .tiles(base: 75, perTile: 150)),
      ("computer-use", .tiles(base: 65, perTile: 129)), ("gpt-5", .tiles(base: 70, perTile: 140)),
    ]
    return table.first { name.hasPrefix($0.prefix) }?.rule ?? .tiles(base: 85, perTile: 170)
  }

  static func tokens(_ size: ImageSize, detail: String?, rule: Rule) -> Int {
    var width = Double(size.width)
    var height = Double(size.height)
    switch rule {
    case .tiles(let base, let perTile):
      if detail == "low" { return base }
      let fit = min(1, 2048 / max(width, height))
      width *= fit
      height *= fit
      let shortSide = min(width, height)
      if shortSide > 768 {
        width *= 768 / shortSide
        height *= 768 / shortSide
      }
      return base + perTile * Int((width / 512).rounded(.up)) * Int((height / 512).rounded(.up))
    case .patches(let multiplier):
      var patches = (width / 32).rounded(.up) * (height / 32).rounded(.up)
      if patches > 1536 {
        var scale = (32 * 32 * 1536 / (width * height)).squareRoot()
        let scaledWidth = width * scale / 32
        let scaledHeight = height * scale / 32
        scale *= min(scaledWidth.rounded(.down) / scaledWidth, scaledHeight.rounded(.down) / scaledHeight)
        patches = min(1536, (width * scale / 32).rounded(.up) * (height * scale / 32).rounded(.up))
      }
      // One more token per image than the documented product: every recorded patch-model call
      // bills it. The product is rounded up in binary floating point, as the API evidently
      // does (gpt-4.1-mini bills 300 patches × 1.62 as 487 + 1).
      return Int((patches * multiplier).rounded(.up)) + 1
    }
  }
}
