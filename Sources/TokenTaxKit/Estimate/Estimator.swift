import Foundation

/// Estimates one call of a feature from its prompt files, config and prices (SPEC §5).
public struct Estimator: Sendable {
  /// OpenAI chat framing: every message costs 3 tokens, and the reply is primed with 3.
  static let tokensPerMessage = 3
  static let replyPriming = 3

  public var defaults: Config.Defaults
  public var prices: PriceTable

  public init(defaults: Config.Defaults, prices: PriceTable) {
    self.defaults = defaults
    self.prices = prices
  }

  /// The estimate for `snapshot`. Canary traces win where they know better (SPEC §7):
  /// `observedOutput` (mean output tokens) over the config's `output_tokens`, and
  /// `observedCacheHitRate` (cache reads / all input) over the configured hit rate of the
  /// cacheable prefix.
  public func estimate(_ snapshot: FeatureSnapshot, observedOutput: Int? = nil, observedCacheHitRate: Double? = nil)
    throws
    -> FeatureEstimate
  {
    var feature = snapshot.feature
    var warnings: [String] = snapshot.files.flatMap(\.notes).map { "feature '\(snapshot.feature.id)': \($0)" }
    let frontMatters = snapshot.files.filter {
      ($0.part.kind == .text || $0.part.kind == .examples) && $0.part.selector == nil
        && FrontMatter.applies(to: $0.path)
    }
    .map { FrontMatter($0.text) }
    let frontMatterModel = frontMatters.lazy.compactMap(\.model).first
    let requestModel = snapshot.files.lazy.filter { $0.part.kind == .request }.compactMap {
      RequestPart.model(in: $0.text)
    }.first
    guard let model = feature.model ?? frontMatterModel ?? requestModel ?? defaults.model else {
      throw EstimateError.noModel(feature: feature.id)
    }
    let price = try prices.lookup(model)
    let counter = TokenCounter(
      model: model, tokenizer: price.tokenizer, override: defaults.encoding == "auto" ? nil : defaults.encoding,
      factor: price.tokenFactor)
    var requests: [RequestCount] = []
    // Input defaults and samples in dotprompt / prompty front matter size what `variables` leaves out.
    for (name, text) in frontMatters.flatMap(\.defaults).sorted(by: { $0.key < $1.key })
    where Self.size(of: name, variables: feature.variables) == nil {
      let tokens = counter.count(text)
      feature.variables[name] = tokens
      warnings.append(
        "feature '\(feature.id)': placeholder '\(name)' sized by its front-matter default or sample (\(tokens) tokens)")
    }
    let variables = feature.variables
    let featureTemplates = FeatureTemplates(
      snapshot: snapshot, defaults: defaults.templates,
      sizes: TemplateSizes(
        text: { counter.count($0) }, placeholder: { Self.size(of: $0, variables: variables) },
        defaultSize: defaults.variableTokens))
    let rendering = try featureTemplates.render()
    let templates = snapshot.files.map { ($0, rendering.templates[$0.id]) }
    let bound = try BoundValues(
      snapshot: snapshot, templates: templates.compactMap(\.1), counter: counter, defaultSize: defaults.variableTokens)
    feature.variables.merge(bound.sizes) { _, boundSize in boundSize }
    var requestNames = Set<String>()

    var input = 0
    var messages = 0
    var prefix = 0
    var prefixOpen = true
    var unknown = Set<String>()
    var promptTexts: [String: String] = [:]
    var promptFiles: [String: FeatureSnapshot.PromptFile] = [:]
    var recounts: [String: PartRecount] = [:]
    for file in bound.files {
      promptTexts[file.id] = file.text
      promptFiles[file.id] = file
      recounts[file.id] = PartRecount(
        file: file, model: model, prices: prices, counter: counter, variables: feature.variables,
        defaultSize: defaults.variableTokens)
    }
    for (file, template) in templates {
      promptTexts[file.id] = file.text
      promptFiles[file.id] = file
      recounts[file.id] = PartRecount(
        file: file, model: model, prices: prices, counter: counter, variables: feature.variables,
        defaultSize: defaults.variableTokens, templates: featureTemplates,
        entries: featureTemplates.files(reaching: file.id, in: rendering).map(\.id))
      let cacheable = prefixOpen && file.part.cache
      if !file.part.cache { prefixOpen = false }
      if file.part.kind == .request {
        // A whole request body: its count already holds the message framing and reply priming.
        let (request, hasPlaceholders) = try RequestPart.count(file, model: model, prices: prices) { name in
          requestNames.insert(name)
          return size(of: name, in: feature, unknown: &unknown)
        }
        requests.append(request)
        input += request.inputTokens
        if cacheable && !hasPlaceholders { prefix += request.inputTokens }
        if hasPlaceholders { prefixOpen = false }
        continue
      }
      guard let template else {
        let tokens = counter.count(try compactJSON(file))
        input += tokens
        if cacheable { prefix += tokens }
        continue
      }
      for message in template.messages where !message.pieces.isEmpty {
        messages += 1
        var tokens = Estimator.tokensPerMessage
        if cacheable && prefixOpen { prefix += Estimator.tokensPerMessage }
        for piece in message.pieces {
          switch piece {
          case .text(let text, _):
            let count = counter.count(text)
            tokens += count
            if cacheable && prefixOpen { prefix += count }
          case .placeholder(let name, _):
            tokens += size(of: name, in: feature, unknown: &unknown)
            // A placeholder changes per call, so the cacheable prefix ends here.
            prefixOpen = false
          }
        }
        input += tokens
      }
    }
    // Files the templates include count in the prompt files' messages; their edits are theirs.
    for (path, text) in featureTemplates.library.texts.sorted(by: { $0.key < $1.key }) where promptTexts[path] == nil {
      let entries = featureTemplates.files(reaching: path, in: rendering)
      guard let first = entries.first else { continue }
      promptTexts[path] = text
      recounts[path] = PartRecount(
        file: FeatureSnapshot.PromptFile(part: first.part, path: path, text: text), model: model, prices: prices,
        counter: counter,
        variables: feature.variables, defaultSize: defaults.variableTokens, templates: featureTemplates,
        entries: entries.map(\.id))
    }
    if messages > 0 { input += Estimator.replyPriming }
    if let history = feature.history, history.turns > 1 {
      // Call k of a conversation carries k-1 earlier turns (a user and an assistant message each).
      let perTurn = history.tokensPerTurn + 2 * Estimator.tokensPerMessage
      input += perTurn * (history.turns - 1) / 2
    }
    for name in unknown.sorted() {
      warnings.append(
        "feature '\(feature.id)': placeholder '\(name)' has no size in variables; counted as \(defaults.variableTokens) tokens"
      )
    }
    warnings += FeatureTemplates.warnings(feature: snapshot.feature, rendering: rendering, otherNames: requestNames)

    var sources = ["input_tokens": "template", "cached_input_tokens": "template"]
    let output: Int
    if let observedOutput {
      output = observedOutput
      sources["output_tokens"] = "traces"
    } else if let configured = feature.outputTokens {
      output = configured
      sources["output_tokens"] = "config"
    } else if let limit = frontMatters.lazy.compactMap(\.maxOutputTokens).first {
      output = limit
      sources["output_tokens"] = "template"
      warnings.append(
        "feature '\(feature.id)': output counted at the front matter's limit of \(limit) tokens, an upper bound; set output_tokens or add traces"
      )
    } else {
      output = 0
      sources["output_tokens"] = "none"
      warnings.append("feature '\(feature.id)': no output_tokens and no traces; output counted as 0")
    }
    let cacheable = cachedTokens(prefix: prefix, price: price)
    var cached = 0
    var written = 0
    var hitRate: Double?
    if let observedCacheHitRate, price.cacheRead != nil {
      cached = min(input, Int((Double(input) * observedCacheHitRate).rounded()))
      hitRate = observedCacheHitRate
      sources["cached_input_tokens"] = "traces"
      sources["cache_hit_rate"] = "traces"
    } else if cacheable > 0 {
      // An average call: hits read the prefix, misses write it where the provider bills writes.
      let rate = feature.cacheHitRate ?? defaults.cacheHitRate
      cached = Int((Double(cacheable) * rate).rounded())
      if price.cacheWrite != nil { written = cacheable - cached }
      hitRate = rate
      sources["cache_hit_rate"] = feature.cacheHitRate == nil ? "default" : "config"
    }
    let usage = TokenUsage(
      uncachedInput: input - cached - written, cacheRead: cached, cacheWrite: written, output: output)
    let cost = prices.cost(of: usage, at: price, batch: feature.batch)
    let monthly = feature.callsPerDay.map { cost * $0 * defaults.daysPerMonth }
    if feature.callsPerDay == nil {
      warnings.append("feature '\(feature.id)': monthly cost unknown (set calls_per_day)")
    }
    var encoding = counter.info
    if !requests.isEmpty {
      // The feature is exact only if every request part and every other part is.
      let othersExact = requests.count == snapshot.files.count || counter.exact
      let methods = requests.map(\.method).uniqued()
      encoding = EncodingInfo(
        name: encoding.name, exact: othersExact && requests.allSatisfy(\.exact),
        method: "request: " + methods.joined(separator: "; "))
      sources["input_tokens"] = "request"
      if sources["cached_input_tokens"] == "template" { sources["cached_input_tokens"] = "request" }
    }
    return FeatureEstimate(
      model: model, usage: usage, cacheHitRate: hitRate, costPerCallUSD: cost, monthlyUSD: monthly, sources: sources,
      encoding: encoding,
      price: price, promptTexts: promptTexts, promptFiles: promptFiles, counter: counter, recounts: recounts,
      warnings: warnings)
  }

  private func size(of name: String, in feature: FeatureConfig, unknown: inout Set<String>) -> Int {
    if let size = Self.size(of: name, variables: feature.variables) { return size }
    unknown.insert(name)
    return defaults.variableTokens
  }

  /// A placeholder's size from `variables`; nil when they do not size it.
  static func size(of name: String, variables: [String: Int]) -> Int? {
    if let size = variables[name] { return size }
    // `user.name` / `docs[0]` fall back to the root variable's size.
    let root = String(name.prefix { $0 != "." && $0 != "[" })
    if let size = variables[root] { return size }
    if ["this", "@index", "loop.index", "@first", "@last"].contains(name) { return 0 }
    return nil
  }

  /// Only a prefix that stays byte-identical can be cached, and providers cache only past a
  /// minimum size (1,024 tokens for most models, the price row says); OpenAI then caches in
  /// 128-token steps.
  private func cachedTokens(prefix: Int, price: ModelPrice) -> Int {
    let minimum = price.minimumCacheablePrefix ?? 1024
    guard price.cacheRead != nil, prefix >= minimum else { return 0 }
    if price.provider == "openai" { return minimum + (prefix - minimum) / 128 * 128 }
    return prefix
  }

  /// Tool and schema definitions, minified: whitespace in a pretty-printed file is not sent.
  private func compactJSON(_ file: FeatureSnapshot.PromptFile) throws -> String {
    do {
      return JSONWriter.string(try JSONParser(relaxed: true).parse(file.text), pretty: false)
    } catch let error as JSONParseError {
      throw EstimateError.invalidJSONPart(file: file.path, reason: error.in(file.path).description)
    }
  }
}
