import Foundation

/// Audio input, estimated at 10 tokens a second (OpenAI: one token per 100 ms of user audio).
enum AudioTokens {
  static func estimate(base64: String, format: String?) -> Int {
    // Base64 carries 3 bytes per 4 characters.
    let bytes = base64.utf8.count / 4 * 3
    var seconds = Double(bytes) / 16_000  // ~128 kbit/s when the container says nothing better
    if format == "wav", let data = Data(base64Encoded: String(base64.prefix(64)), options: .ignoreUnknownCharacters),
      data.count >= 32
    {
      let header = [UInt8](data)
      let byteRate = Int(header[28]) | Int(header[29]) << 8 | Int(header[30]) << 16 | Int(header[31]) << 24
      if byteRate > 0 { seconds = Double(max(0, bytes - 44)) / Double(byteRate) }
    }
    return Int((seconds * 10).rounded(.up))
  }
}
