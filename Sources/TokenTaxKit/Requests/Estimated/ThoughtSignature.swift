import Foundation

/// What a Gemini request pays for the `thoughtSignature`s it sends back.
///
/// A signature is the model's encrypted reasoning for a function call. Gemini 3 models
/// decrypt the signatures of the current turn (the calls since the last message the user
/// wrote) and bill that reasoning as prompt tokens again; signatures of earlier turns are
/// dropped. Gemini 2.5 billed them on a few recorded calls and not on most, so it is counted
/// as not billing them. The reasoning is not readable, so its size is estimated from the
/// signatures' length: 0.2075 tokens per base64 character, less 39 per request, a
/// least-squares fit over 59 recorded Gemini 3 calls (300 to 14,100 characters, mean error
/// 26 tokens).
enum ThoughtSignature {
  static func tokens(base64Characters: Int) -> Int {
    max(0, NSDecimalNumber(decimal: Money.rounded(Decimal(base64Characters) * perCharacter, scale: 0)).intValue - perRequest)
  }

  /// Gemini 1.x and 2.x are counted as not billing signatures; later models and aliases do,
  /// on the Gemini API. Vertex AI's usage leaves them out (recorded `vertex_ai/` calls).
  static func billed(by model: String) -> Bool {
    let lowered = model.lowercased()
    guard !lowered.hasPrefix("vertex") else { return false }
    let name = lowered.split(separator: "/").last.map(String.init) ?? lowered
    return !["gemini-1", "gemini-2", "gemma"].contains { name.hasPrefix($0) }
  }

  /// Index of the first content of the current turn: the one after the last `user` content
  /// that carries more than function responses.
  static func currentTurnStart(_ contents: [JSONValue]) -> Int {
    let lastUserMessage = contents.lastIndex { content in
      guard (content["role"]?.stringValue ?? "user") == "user" else { return false }
      return (content["parts"]?.arrayValue ?? []).contains { part in
        part["functionResponse"] == nil && part["function_response"] == nil
      }
    }
    return (lastUserMessage ?? -1) + 1
  }

  private static let perCharacter = Decimal(string: "0.2075") ?? 0
  private static let perRequest = 39
}
