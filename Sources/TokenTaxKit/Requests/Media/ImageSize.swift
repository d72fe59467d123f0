import Foundation

/// Width and height of an image from its first bytes (PNG, JPEG, GIF, WebP), which is all the
/// providers' image-token formulas need.
struct ImageSize: Equatable {
  var width: Int
  var height: Int

  /// The size of a `data:image/…;base64,…` URL or raw base64 data; nil for http URLs and
  /// unreadable data.
  init?(base64OrDataURL text: String) {
    var payload = Substring(text)
    if text.hasPrefix("data:") {
      guard let comma = text.firstIndex(of: ",") else { return nil }
      payload = text[text.index(after: comma)...]
    }
    // Decoding a whole multi-megabyte image is wasteful; JPEG size markers can sit after large
    // EXIF blocks, so keep a generous prefix (a multiple of 4 to stay valid base64).
    let prefix = payload.prefix(262_144)
    guard let data = Data(base64Encoded: String(prefix.prefix(prefix.count / 4 * 4)), options: .ignoreUnknownCharacters)
    else { return nil }
    self.init(bytes: [UInt8](data))
  }

  init?(bytes: [UInt8]) {
    func big16(_ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
    func big32(_ at: Int) -> Int { big16(at) << 16 | big16(at + 2) }
    func little16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    func little24(_ at: Int) -> Int { little16(at) | Int(bytes[at + 2]) << 16 }
    if bytes.count >= 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
      self.init(width: big32(16), height: big32(20))
    } else if bytes.count >= 10, bytes.starts(with: Array("GIF8".utf8)) {
      self.init(width: little16(6), height: little16(8))
    } else if bytes.count >= 30, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
      switch String(decoding: bytes[12..<16], as: UTF8.self) {
      case "VP8 ": self.init(width: little16(26) & 0x3FFF, height: little16(28) & 0x3FFF)
      case "VP8L":
        let bits = little16(21) | little16(23) << 16
        self.init(width: (bits & 0x3FFF) + 1, height: (bits >> 14 & 0x3FFF) + 1)
      case "VP8X": self.init(width: little24(24) + 1, height: little24(27) + 1)
      default: return nil
      }
    } else if bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 {
      // JPEG: walk the segments to the first start-of-frame marker.
      var index = 2
      while index + 9 < bytes.count {
        guard bytes[index] == 0xFF else {
          index += 1
          continue
        }
        let marker = bytes[index + 1]
        if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
          self.init(width: big16(index + 7), height: big16(index + 5))
          return
        }
        index += 2 + big16(index + 2)
      }
      return nil
    } else {
      return nil
    }
    guard width > 0, height > 0 else { return nil }
  }

  init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }
}
