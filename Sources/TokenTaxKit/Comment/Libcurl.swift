#if os(Linux)
  import Foundation

  #if canImport(Glibc)
    import Glibc
  #elseif canImport(Musl)
    import Musl
  #endif

  /// The few libcurl functions `CurlHTTPClient` calls, resolved with `dlopen` from the system's
  /// libcurl (the OpenSSL build, or Debian's and Ubuntu's GnuTLS build that git uses).
  ///
  /// `curl_easy_setopt` and `curl_easy_getinfo` are variadic; they are called through
  /// fixed-argument pointer types of one integer, pointer or function argument, which the x86-64
  /// and arm64 Linux calling conventions pass the same way as the variadic call.
  struct Libcurl: @unchecked Sendable {
    /// The options set, by their libcurl numbers (`CURLOPTTYPE_*` base + index).
    enum Option: Int32 {
      case writeData = 10001
      case url = 10002
      case postFields = 10015
      case httpHeader = 10023
      case headerData = 10029
      case customRequest = 10036
      case certificateAuthorities = 10065
      case writeFunction = 20011
      case headerFunction = 20079
      case followLocation = 52
      case noSignal = 99
      case timeoutMilliseconds = 155
      case postFieldSizeLarge = 30120
    }

    /// `CURLE_OPERATION_TIMEDOUT`.
    static let operationTimedOut: Int32 = 28
    /// `CURLINFO_RESPONSE_CODE` (`CURLINFO_LONG` + 2).
    private static let responseCodeInfo: Int32 = 0x20_0002

    private typealias Init = @convention(c) () -> OpaquePointer?
    private typealias Handle = @convention(c) (OpaquePointer?) -> Void
    private typealias Perform = @convention(c) (OpaquePointer?) -> Int32
    private typealias SetInteger = @convention(c) (OpaquePointer?, Int32, Int) -> Int32
    private typealias SetPointer = @convention(c) (OpaquePointer?, Int32, UnsafeRawPointer?) -> Int32
    private typealias SetFunction = @convention(c) (OpaquePointer?, Int32, DataCallback) -> Int32
    /// A write or header callback: bytes, their size and count, and the user pointer.
    typealias DataCallback = @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int
    private typealias GetInteger = @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<Int>) -> Int32
    private typealias Describe = @convention(c) (Int32) -> UnsafePointer<CChar>?
    private typealias Append = @convention(c) (OpaquePointer?, UnsafePointer<CChar>) -> OpaquePointer?

    let easyInit: () -> OpaquePointer?
    private let cleanup: Handle
    private let perform: Perform
    private let setInteger: SetInteger
    private let setPointer: SetPointer
    private let setFunction: SetFunction
    private let getInteger: GetInteger
    private let strerror: Describe
    private let append: Append
    private let freeAll: Handle

    private static let loaded: Result<Libcurl, HTTPTransportError> = load(
      names: ["libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"])

    /// The process's libcurl, opened once.
    static func shared() throws -> Libcurl { try loaded.get() }

    /// The first of `names` that opens, with the functions resolved.
    static func load(names: [String]) -> Result<Libcurl, HTTPTransportError> {
      guard let library = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
        return .failure(
          HTTPTransportError(
            reason: "it needs the system's libcurl (libcurl.so.4), which is not installed; install it "
              + "(Debian/Ubuntu: apt-get install libcurl4, Fedora/RHEL: dnf install libcurl) and run again",
            cannotStart: true))
      }
      func symbol<T>(_ name: String, as type: T.Type) -> T? {
        dlsym(library, name).map { unsafeBitCast($0, to: type) }
      }
      // `curl_easy_init` would set libcurl up itself, but not safely from two threads at once.
      typealias GlobalInit = @convention(c) (Int) -> Int32
      guard let globalInit = symbol("curl_global_init", as: GlobalInit.self), globalInit(3) == 0 else {
        return .failure(HTTPTransportError(reason: "the system's libcurl could not start", cannotStart: true))
      }
      guard let easyInit = symbol("curl_easy_init", as: Init.self),
        let cleanup = symbol("curl_easy_cleanup", as: Handle.self),
        let perform = symbol("curl_easy_perform", as: Perform.self),
        let setInteger = symbol("curl_easy_setopt", as: SetInteger.self),
        let setPointer = symbol("curl_easy_setopt", as: SetPointer.self),
        let setFunction = symbol("curl_easy_setopt", as: SetFunction.self),
        let getInteger = symbol("curl_easy_getinfo", as: GetInteger.self),
        let strerror = symbol("curl_easy_strerror", as: Describe.self),
        let append = symbol("curl_slist_append", as: Append.self),
        let freeAll = symbol("curl_slist_free_all", as: Handle.self)
      else {
        return .failure(
          HTTPTransportError(reason: "the system's libcurl lacks a function tokentax needs", cannotStart: true))
      }
      return .success(
        Libcurl(
          easyInit: { easyInit() }, cleanup: cleanup, perform: perform, setInteger: setInteger,
          setPointer: setPointer, setFunction: setFunction, getInteger: getInteger, strerror: strerror,
          append: append, freeAll: freeAll))
    }

    func easyCleanup(_ handle: OpaquePointer) { cleanup(handle) }
    func easyPerform(_ handle: OpaquePointer) -> Int32 { perform(handle) }
    func slistAppend(_ list: OpaquePointer?, _ line: String) -> OpaquePointer? {
      line.withCString { append(list, $0) } ?? list
    }
    func slistFreeAll(_ list: OpaquePointer?) { if list != nil { freeAll(list) } }

    /// Sets an option; true when libcurl refused it.
    func set(_ handle: OpaquePointer, _ option: Option, integer: Int) -> Bool {
      setInteger(handle, option.rawValue, integer) != 0
    }

    func set(_ handle: OpaquePointer, _ option: Option, pointer: UnsafeRawPointer?) -> Bool {
      setPointer(handle, option.rawValue, pointer) != 0
    }

    func set(_ handle: OpaquePointer, _ option: Option, function: DataCallback) -> Bool {
      setFunction(handle, option.rawValue, function) != 0
    }

    func responseCode(_ handle: OpaquePointer) -> Int {
      var code = 0
      _ = getInteger(handle, Self.responseCodeInfo, &code)
      return code
    }

    func describe(_ code: Int32) -> String {
      strerror(code).map { String(cString: $0) } ?? "libcurl error \(code)"
    }
  }
#endif
