extension PromptChange {
  /// A change in a value read out of code or config (keyed `path#symbol`), pointed at the file
  /// and line of the literal it came from; a whole-file change as it is.
  static func inSource(_ change: PromptChange, files: [String: FeatureSnapshot.PromptFile]) -> PromptChange {
    guard let file = files[change.file], file.lineOrigins != nil else { return change }
    return PromptChange(file: file.path, line: file.sourceLine(change.line), tokens: change.tokens)
  }
}
