import JSON
import Tokenizer

/// Counts the input tokens a provider bills for an API request body (the README's Usage `count --request`).
///
/// OpenAI models are counted exactly with their encoding and the chat format's rules; other
/// families (Claude, Gemini, open models) are estimated from o200k_base with their
/// `EstimationProfile`, which price rows can recalibrate.
public struct RequestCounter: Sendable {
  public var prices: PriceTable

  public init(prices: PriceTable = .builtIn()) {
    self.prices = prices
  }

  /// Counts the JSON body in `bytes`; `file` names it in errors, `model` overrides (or supplies,
  /// for Gemini bodies) the body's model, and `sizer` counts each string (placeholders in `check`).
  public func count(
    json bytes: [UInt8], file: String, model: String? = nil, sizer: any TextSizer = LiteralText()
  ) throws -> RequestCount {
    let analysis = try analyze(json: bytes, file: file, model: model, sizer: sizer)
    switch analysis.kind {
    case .openAI(let result, let format, let known):
      var notes = result.notes
      if !known { notes.insert("\(analysis.model): framing assumed like \(format.generation.rawValue)", at: 0) }
      return RequestCount(
        model: analysis.model, api: analysis.api, inputTokens: result.tokens, exact: result.exact && known,
        method: "\(format.encoding.rawValue), \(format.generation.rawValue) \(analysis.api.rawValue) framing",
        notes: notes)
    case .estimated(let features, let profile):
      return RequestCount(
        model: analysis.model, api: analysis.api, inputTokens: profile.estimate(features), exact: false,
        method: profile.method, notes: features.notes)
    }
  }

  /// A request read and measured, before the last step turns it into a count.
  struct Analysis {
    enum Kind {
      case openAI(OpenAIRequestCounter.Result, ChatFormat, known: Bool)
      case estimated(RequestFeatures, EstimationProfile)
    }
    var model: String
    var api: RequestAPI
    var kind: Kind
  }

  func analyze(json bytes: [UInt8], file: String, model: String?, sizer: any TextSizer) throws -> Analysis {
    let value: JSONValue
    do {
      value = try JSONParser().parse(bytes)
    } catch let error as JSONParseError {
      throw error.in(file)
    }
    guard let body = value.objectValue else { throw RequestError.notARequest(file: file) }
    guard let model = model ?? body["model"]?.stringValue, !model.isEmpty else {
      throw RequestError.noModel(file: file)
    }
    guard let api = RequestAPI.detect(value, model: model) else { throw RequestError.notARequest(file: file) }
    let price = prices.resolve(model).flatMap { prices.rows[$0] }
    let identity = ModelCatalog.identify(model)
    let guessedFamily = identity.tokenizer
    if price == nil, !identity.exact, identity.family == nil {
      // Neither priced nor a family tokentax recognises: most likely a typo.
      _ = try prices.lookup(model)
    }
    if let encoding = exactEncoding(model: model, price: price), api == .chatCompletions || api == .responses {
      let parser = ChatRequestParser(file: file, model: model)
      let request = api == .chatCompletions ? try parser.chat(body) : try parser.responses(body)
      let (format, known) = ChatFormat.forModel(model, encoding: encoding, api: api)
      let counter = OpenAIRequestCounter(format: format, encoding: Encoding.load(encoding), sizer: sizer)
      return Analysis(model: model, api: api, kind: .openAI(counter.count(request), format, known: known))
    }
    let family = price.map(\.tokenizer).flatMap { EncodingName(rawValue: $0) == nil ? $0 : nil } ?? guessedFamily
    let profile = EstimationProfile.builtIn(family: family).applying(price)
    let extractor = FeatureExtractor(file: file, sizer: sizer)
    let features: RequestFeatures
    switch api {
    case .anthropicMessages: features = try extractor.anthropic(body)
    case .gemini: features = try extractor.gemini(body, model: model)
    case .chatCompletions: features = extractor.openAIShaped(try ChatRequestParser(file: file, model: model).chat(body))
    case .responses: features = extractor.openAIShaped(try ChatRequestParser(file: file, model: model).responses(body))
    }
    return Analysis(model: model, api: api, kind: .estimated(features, profile))
  }

  /// The encoding that counts `model` exactly: its price row's, else tiktoken's model table.
  private func exactEncoding(model: String, price: ModelPrice?) -> EncodingName? {
    if let price { return EncodingName(rawValue: price.tokenizer) }
    let natural = ModelCatalog.identify(model)
    return natural.exact ? natural.encoding : nil
  }
}
