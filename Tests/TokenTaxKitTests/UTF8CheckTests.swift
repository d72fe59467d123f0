import Foundation
import Testing

@testable import TokenTaxKit

/// `count`'s UTF-8 check answers as a scalar-by-scalar decode does: the offset of the first
/// scalar that is not UTF-8, and a NUL anywhere before that.
@Suite struct UTF8CheckTests {
  static func problem(_ bytes: [UInt8]) -> CountInputError.Problem? {
    bytes.withUnsafeBytes { UTF8Check.problem(in: $0) }
  }

  @Test func validTextHasNoProblem() {
    for text in ["", "Hello world", "大型语言模型 😱📈 Стоимость", String(repeating: "abcdefgh", count: 100) + "é"] {
      #expect(Self.problem(Array(text.utf8)) == nil)
    }
  }

  @Test(
    arguments: [
      ([0x61, 0x62, 0x63, 0xE9, 0x0A], 3),  // Latin-1 é
      ([0xC0, 0x80], 0),  // overlong NUL
      ([0x61, 0xED, 0xA0, 0x80], 1),  // a surrogate
      ([0xF4, 0x90, 0x80, 0x80], 0),  // above U+10FFFF
      ([0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0xE6, 0x97], 9),  // cut off at the end
      ([0x80], 0),  // a lone continuation byte
    ] as [([UInt8], Int)])
  func invalidUTF8IsReportedAtTheScalarThatBreaks(_ bytes: [UInt8], _ offset: Int) {
    #expect(Self.problem(bytes) == .invalidUTF8(byteOffset: offset))
    #expect(String(validating: bytes, as: UTF8.self) == nil)
  }

  @Test func aNulAnywhereMeansBinary() {
    #expect(Self.problem(Array("0123456789\u{0}".utf8)) == .binary(byteOffset: 10))
    #expect(Self.problem([0xE9, 0x61, 0x00]) == .binary(byteOffset: 2))
  }

  /// A fault at every position of a text longer than the 32-byte stride, against the
  /// standard library's UTF-8 decoder.
  @Test func everyFaultPositionAgreesWithTheStandardDecoder() {
    let text = Array((String(repeating: "prompt text ", count: 4) + "é 😀 大型 Стоимость " + "tail of ascii words").utf8)
    var checked = 0
    for position in text.indices {
      for fault: UInt8 in [0x00, 0x80, 0xC0, 0xC3, 0xE9, 0xED, 0xF0, 0xF4, 0xFF] {
        var bytes = text
        bytes[position] = fault
        #expect(Self.problem(bytes) == Self.decoderProblem(bytes), "fault \(fault) at \(position)")
        checked += 1
      }
    }
    #expect(checked == text.count * 9)
  }

  /// The first NUL, else the offset where the standard library's decoder first fails.
  static func decoderProblem(_ bytes: [UInt8]) -> CountInputError.Problem? {
    if let nul = bytes.firstIndex(of: 0) { return .binary(byteOffset: nul) }
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var offset = 0
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): offset += UTF8.width(scalar)
      case .emptyInput: return nil
      case .error: return .invalidUTF8(byteOffset: offset)
      }
    }
  }

  /// A text of megabytes is checked in chunks on several threads; a fault anywhere near a
  /// chunk's edge (a stray continuation byte, a lead byte without its continuations, a
  /// Latin-1 byte) is reported at the offset one pass reports. Chunks of 1 KB here, so the
  /// text can be short.
  @Test func checkingInChunksAnswersAsOnePass() {
    var text: [UInt8] = []
    while text.count < 64 << 10 { text += Array("héllo wörld 😀 大型 xxxxxxx".utf8) }
    var faults = 0
    for jobs in [2, 3, 4] {
      for index in 1..<jobs {
        let edge = text.count / jobs * index
        for offset in (edge - 4)...(edge + 4) {
          for fault: UInt8 in [0x80, 0xF0, 0xE9] {
            var bytes = text
            bytes[offset] = fault
            bytes.withUnsafeBytes { raw in
              let chunked = UTF8Check.firstInvalidOffset(raw, jobs: jobs, smallestChunk: 1024)
              #expect(chunked == UTF8Check.firstInvalidOffset(raw, jobs: 1))
              if chunked != nil { faults += 1 }
            }
          }
        }
      }
    }
    // Some replacements leave valid UTF-8 (0x80 for a continuation byte); most do not.
    #expect(faults > 100)
    text.withUnsafeBytes { #expect(UTF8Check.firstInvalidOffset($0, jobs: 4, smallestChunk: 1024) == nil) }
  }
}
