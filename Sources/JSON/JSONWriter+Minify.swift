extension JSONWriter {
  /// JSON text without the whitespace between tokens (keys keep their order); text that is not
  /// JSON is returned as is. Providers store tool-call arguments re-serialized this way.
  /// `spaced` puts one space after every `,` and `:` instead, as Python's `json.dumps` does.
  public static func minify(_ text: String, spaced: Bool = false) -> String {
    guard (try? JSONParser().parse(text)) != nil else { return text }
    var out: [UInt8] = []
    var string = JSONStringState()
    for byte in text.utf8 {
      if string.inString {
        out.append(byte)
        _ = string.closes(byte)
      } else if string.opens(byte) {
        out.append(byte)
      } else if ![0x20, 0x0A, 0x0D, 0x09].contains(byte) {
        out.append(byte)
        if spaced, byte == UInt8(ascii: ",") || byte == UInt8(ascii: ":") { out.append(0x20) }
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
