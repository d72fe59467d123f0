/// Image-token formulas of the estimated families, from their documentation.
enum MediaTokens {
  /// Anthropic: one token per started 28 × 28-pixel patch, plus 4, after scaling the long edge
  /// to at most 1,568 px and the image to at most ~1.15 megapixels (about 1,600 tokens).
  /// Anthropic documents width × height / 750 (a 784-pixel patch, rounded); the recorded calls
  /// bill the patches: a 1001 × 1001 image 1,296 + 4 where the division gives 1,336, a 100 × 100
  /// one 16 + 4 where it gives 13.
  static func anthropicImage(_ size: ImageSize) -> Int {
    var width = Double(size.width)
    var height = Double(size.height)
    let edge = 1568 / max(width, height)
    if edge < 1 {
      width *= edge
      height *= edge
    }
    let area = width * height
    if area > 1_200_000 {
      let scale = (1_200_000 / area).squareRoot()
      width *= scale
      height *= scale
    }
    return Int((width / 28).rounded(.up) * (height / 28).rounded(.up)) + 4
  }

  /// Gemini 3: a fixed budget per image by media resolution (`generationConfig.mediaResolution`
  /// or the part's own `mediaResolution.level`): low 280, medium 560, high 1,120, high being the
  /// default for images. Earlier Gemini: 258 tokens when both sides are at most 384 px, else
  /// 258 per 768-px tile, plus one for the whole image when there are several.
  static func geminiImage(_ size: ImageSize, model: String, resolution: String?) -> Int {
    if billsImagesByResolution(model) {
      let level = resolution?.lowercased() ?? ""
      if level.hasSuffix("low") { return 280 }
      if level.hasSuffix("medium") { return 560 }
      return 1120
    }
    if size.width <= 384, size.height <= 384 { return 258 }
    let tiles = ((size.width + 767) / 768) * ((size.height + 767) / 768)
    // An image cut into several tiles is also seen whole, one tile more: a 3008 × 2000 image
    // (12 tiles) bills 13 × 258 on the recorded Gemini 2.0 call.
    return 258 * (tiles > 1 ? tiles + 1 : tiles)
  }

  /// One image whose size the prompt does not give (dotprompt's `{{media url=…}}`), as the
  /// request counter counts an image given by URL: 1024 × 1024 for OpenAI's rules and Gemini,
  /// Anthropic's largest unscaled size.
  static func unsizedImage(model: String) -> Int {
    switch ModelCatalog.identify(model).provider {
    case "anthropic": return anthropicImage(ImageSize(width: 1092, height: 1092))
    case "google": return geminiImage(ImageSize(width: 1024, height: 1024), model: model, resolution: nil)
    default:
      return OpenAIImageTokens.tokens(
        ImageSize(width: 1024, height: 1024), detail: nil, rule: OpenAIImageTokens.rule(for: model))
    }
  }

  /// Gemini 3 and later bill an image by media resolution, not by its size.
  static func billsImagesByResolution(_ model: String) -> Bool {
    ModelCatalog.identify(model).base.hasPrefix("gemini-3")
  }
}
