import Foundation
import Testing

@testable import TokenTaxKit

/// A transport that cannot start (no libcurl on the machine) is said as what to install, not
/// blamed on the network or the API address.
@Suite struct TransportStartTests {
  struct Unstartable: HTTPClient {
    func send(_ request: HTTPRequest) throws -> HTTPResponse {
      throw HTTPTransportError(reason: "it needs the system's libcurl", cannotStart: true)
    }
  }

  @Test func aTransportThatCannotStartSaysSo() throws {
    let api = CommentAPI(
      host: .github, base: try #require(URL(string: "https://api.github.com")), token: "t", client: Unstartable())
    #expect(throws: CommentError("tokentax comment cannot list the comments: it needs the system's libcurl")) {
      _ = try api.send("GET", try #require(URL(string: "https://api.github.com/x")), action: "list the comments")
    }
  }

  #if os(Linux)
    @Test func aMissingLibcurlNamesWhatToInstall() {
      guard case .failure(let error) = Libcurl.load(names: ["libtokentax-no-such-curl.so.4"]) else {
        Issue.record("a library that does not exist opened")
        return
      }
      #expect(error.cannotStart)
      #expect(error.reason.contains("apt-get install libcurl4"))
    }
  #endif
}
