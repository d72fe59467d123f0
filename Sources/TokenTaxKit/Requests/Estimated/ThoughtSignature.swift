import Foundation
import JSON

/// What a Gemini request pays for the `thoughtSignature`s it sends back.
///
/// A signature is the model's encrypted reasoning for a function call. Signatures that carry
/// the reasoning itself — their first protobuf field is a short header (field 1 under 128
/// bytes, or field 2) — are decrypted and billed as prompt tokens again, when they belong to
/// the current turn (the calls since the last message the user wrote); earlier turns' are
/// dropped. Signatures that are one long field 1 are not billed (most Gemini 2.5 recordings,
/// and every Vertex AI one). The reasoning is not readable, so its size is estimated from the
/// signatures' length, per request: least-squares fits over the recorded calls in
/// `fixtures/requests` (59 Gemini 3 calls, mean error 26 tokens; 10 Gemini 2.5 calls).
enum ThoughtSignature {
  static func tokens(base64Characters: Int, model: String) -> Int {
    let rate = rate(for: model)
    return max(0, TokenCounter.scale(base64Characters, by: rate.perCharacter) - rate.perRequest)
  }

  /// Whether `signature` holds the reasoning (billed) rather than a reference to it.
  static func carriesThoughts(_ signature: String) -> Bool {
    // The first three bytes are in the first four base64 characters (either alphabet).
    let head = String(signature.prefix(4)).replacingOccurrences(of: "-", with: "+").replacingOccurrences(
      of: "_", with: "/")
    guard head.count == 4, let bytes = Data(base64Encoded: head), bytes.count >= 2 else { return false }
    let tag = bytes[bytes.startIndex]
    let length = bytes[bytes.startIndex + 1]
    return tag == 0x12 || (tag == 0x0A && length < 0x80)
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

  /// Gemini 1.x and 2.x bill 0.162 tokens per base64 character − 24 per request; later models
  /// 0.2075 − 39.
  private static func rate(for model: String) -> (perCharacter: Decimal, perRequest: Int) {
    let name = ModelCatalog.identify(model).base
    if name.hasPrefix("gemini-1") || name.hasPrefix("gemini-2") { return (Decimal(string: "0.162") ?? 0, 24) }
    return (Decimal(string: "0.2075") ?? 0, 39)
  }
}
