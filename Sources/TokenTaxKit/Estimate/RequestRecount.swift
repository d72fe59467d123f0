/// Counts other versions of a `kind: request` file the way the estimate counted the file: same
/// model, prices and placeholder sizes. A changed line of a request body is worth what the
/// provider bills for it, not the tokens of its JSON text (a tool definition added as 125
/// tokens of indented JSON bills about 50), so `TopChanges` recounts the body without each change.
struct RequestRecount: Sendable {
  var file: FeatureSnapshot.PromptFile
  var model: String
  var prices: PriceTable
  var variables: [String: Int]
  var defaultSize: Int

  /// The billed input tokens of `text` as this file; nil when it is not a request body that counts.
  func count(_ text: String) -> Int? {
    var edited = file
    edited.text = text
    let sized = try? RequestPart.count(edited, model: model, prices: prices) { name in
      Estimator.size(of: name, variables: variables) ?? defaultSize
    }
    return sized?.count.inputTokens
  }
}
