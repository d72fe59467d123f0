import Foundation
import JSON

/// Estimates one call of a feature from its prompt files, config and prices (the README's Templates section).
public struct Estimator: Sendable {
  public var defaults: Config.Defaults
  public var prices: PriceTable

  public init(defaults: Config.Defaults, prices: PriceTable) {
    self.defaults = defaults
    self.prices = prices
  }

  /// The estimate for `snapshot`. Canary traces win where they know better (docs/traces.md):
  /// `observedOutput` (mean output tokens) over the config's `output_tokens`, and
  /// `observedCacheHitRate` (cache reads / all input) over the configured hit rate of the
  /// cacheable prefix.
  public func estimate(_ snapshot: FeatureSnapshot, observedOutput: Int? = nil, observedCacheHitRate: Double? = nil)
    throws
    -> FeatureEstimate
  {
    var feature = snapshot.feature
    var warnings: [String] = snapshot.files.flatMap(\.notes).map { "feature '\(snapshot.feature.id)': \($0)" }
    let frontMatterFiles = snapshot.files.filter(\.hasFrontMatter)
    let frontMatters = frontMatterFiles.map {
      FrontMatter($0.text, path: $0.path, referencedTexts: snapshot.referencedFiles)
    }
    let model = try self.model(of: snapshot, files: frontMatterFiles, frontMatters: frontMatters, warnings: &warnings)
    let price = try prices.lookup(model)
    let counter = TokenCounter(
      model: model, tokenizer: price.tokenizer, override: defaults.encoding == "auto" ? nil : defaults.encoding,
      factor: price.tokenFactor)
    // Input defaults and samples in dotprompt / prompty front matter size what `variables` leaves out.
    for (name, value) in try frontMatters.flatMap({ try $0.inputValues() }).sorted(by: { $0.key < $1.key })
    where PartCounter.size(of: name, variables: feature.variables) == nil {
      let tokens = counter.count(value.text)
      feature.variables[name] = tokens
      warnings.append(
        "feature '\(feature.id)': placeholder '\(name)' sized by the front matter's \(value.source) (\(tokens) token\(tokens == 1 ? "" : "s"))"
      )
    }
    let variables = feature.variables
    let featureTemplates = FeatureTemplates(
      snapshot: snapshot, defaults: defaults.templates,
      sizes: TemplateSizes(
        text: { counter.count($0) }, placeholder: { PartCounter.size(of: $0, variables: variables) },
        defaultSize: defaults.variableTokens))
    let rendering = try featureTemplates.render()
    let templates = snapshot.files.map { ($0, rendering.templates[$0.id]) }
    for name in Set(rendering.templates.values.flatMap(\.media)).sorted()
    where PartCounter.size(of: name, variables: feature.variables) == nil {
      let tokens = MediaTokens.unsizedImage(model: model)
      feature.variables[name] = tokens
      warnings.append(
        "feature '\(feature.id)': media '\(name)' sized as one image of unknown size, \(Money.tokens(tokens)) tokens "
          + "for \(model) (set variables.\(name) to change)")
    }
    let bound = try BoundValues(
      snapshot: snapshot, templates: templates.compactMap(\.1), counter: counter, defaultSize: defaults.variableTokens)
    feature.variables.merge(bound.sizes) { _, boundSize in boundSize }
    let parts = PartCounter(
      model: model, prices: prices, counter: counter, variables: feature.variables, defaultSize: defaults.variableTokens
    )
    var counted = try count(
      snapshot: snapshot, templates: templates, bound: bound, featureTemplates: featureTemplates, rendering: rendering,
      parts: parts)
    // A front matter's edits (tools, samples, schemas) and the files it reads are worth what they
    // change in the estimate, so they show in the top changes on their own lines.
    for file in frontMatterFiles {
      counted.recounts[file.id]?.estimated = reestimated(snapshot) { changed, edited in
        for index in changed.files.indices where changed.files[index].id == file.id {
          changed.files[index].text = edited
        }
        changed.library.texts[file.path] = edited
      }
    }
    for (path, text) in snapshot.referencedFiles where counted.promptTexts[path] == nil {
      counted.promptTexts[path] = text
      var recount = PartRecount(
        file: FeatureSnapshot.PromptFile(part: PromptPart(file: path), path: path, text: text), parts: parts)
      recount.estimated = reestimated(snapshot) { changed, edited in changed.referencedFiles[path] = edited }
      counted.recounts[path] = recount
    }
    var input = counted.input
    if counted.messages > 0 { input += PartCounter.replyPriming }
    for (file, frontMatter) in zip(frontMatterFiles, frontMatters) {
      input += try declarationTokens(
        frontMatter, file: file.path, feature: feature.id, model: model, warnings: &warnings)
    }
    if let history = feature.history, history.turns > 1 {
      // Call k of a conversation carries k-1 earlier turns (a user and an assistant message each).
      let perTurn = history.tokensPerTurn + 2 * PartCounter.tokensPerMessage
      input += perTurn * (history.turns - 1) / 2
    }
    for name in counted.unknown.sorted() {
      warnings.append(
        "feature '\(feature.id)': placeholder '\(name)' has no size in variables; counted as \(defaults.variableTokens) tokens"
      )
    }
    warnings += FeatureTemplates.warnings(
      feature: snapshot.feature, rendering: rendering, otherNames: counted.requestNames)

    let (output, outputSource) = output(
      feature: feature, observed: observedOutput, frontMatters: frontMatters, warnings: &warnings)
    let cache = counted.prefix.use(
      input: input, price: price, observedHitRate: observedCacheHitRate, configuredHitRate: feature.cacheHitRate,
      defaultHitRate: defaults.cacheHitRate)
    let usage = TokenUsage(
      uncachedInput: input - cache.read - cache.written, cacheRead: cache.read, cacheWrite: cache.written,
      output: output)
    let cost = prices.cost(of: usage, at: price, batch: feature.batch)
    let monthly = feature.callsPerDay.map { cost * $0 * defaults.daysPerMonth }
    if feature.callsPerDay == nil {
      warnings.append("feature '\(feature.id)': monthly cost unknown (set calls_per_day)")
    }
    var sources = EstimateSources(
      cachedInputTokens: cache.source == .traces ? .traces : .template, outputTokens: outputSource,
      cacheHitRate: cache.source)
    let encoding = self.encoding(counter: counter, requests: counted.requests, parts: snapshot.files.count)
    if !counted.requests.isEmpty {
      sources.inputTokens = .request
      if sources.cachedInputTokens == .template { sources.cachedInputTokens = .request }
    }
    return FeatureEstimate(
      model: model, usage: usage, cacheHitRate: cache.hitRate, costPerCallUSD: cost, monthlyUSD: monthly,
      sources: sources, encoding: encoding, price: price, promptTexts: counted.promptTexts,
      promptFiles: counted.promptFiles, counter: counter, recounts: counted.recounts, warnings: warnings)
  }

  /// The input tokens of `snapshot` with one file's text replaced by `edit`, for a recount.
  private func reestimated(
    _ snapshot: FeatureSnapshot, _ edit: @escaping @Sendable (inout FeatureSnapshot, String) -> Void
  ) -> @Sendable (String) -> Int? {
    { [self] edited in
      var changed = snapshot
      edit(&changed, edited)
      return try? estimate(changed).inputTokens
    }
  }

  /// The tokens a front matter's tools and output schema add to each call, said in a warning
  /// with what could not be sized.
  private func declarationTokens(
    _ frontMatter: FrontMatter, file: String, feature: String, model: String, warnings: inout [String]
  ) throws -> Int {
    let declarations = try FrontMatterDeclarations(frontMatter, file: file)
    warnings += declarations.notes.map { "feature '\(feature)': \(file): \($0)" }
    guard !declarations.isEmpty else { return 0 }
    let added = try DeclarationTokens.count(declarations, model: model, prices: prices, file: file)
    var what: [String] = []
    if !declarations.tools.isEmpty {
      what.append("\(declarations.tools.count) tool definition\(declarations.tools.count == 1 ? "" : "s")")
    }
    if declarations.outputSchema != nil { what.append("an output schema") }
    let cost =
      added.tokens == 0
      ? "\(model) does not bill it as input"
      : "+\(Money.tokens(added.tokens)) input tokens per call\(added.exact ? "" : " (estimated)")"
    warnings.append("feature '\(feature)': \(file) declares \(what.joined(separator: " and ")): \(cost)")
    return added.tokens
  }

  /// The model: the config's, a front matter's, a request body's, then the default.
  private func model(
    of snapshot: FeatureSnapshot, files: [FeatureSnapshot.PromptFile], frontMatters: [FrontMatter],
    warnings: inout [String]
  ) throws -> String {
    let frontMatterModel = frontMatters.lazy.compactMap(\.model).first
    let requestModel = snapshot.files.lazy.filter { $0.part.kind == .request }.compactMap {
      RequestPart.model(in: $0.text)
    }.first
    // A model prompty fills in at run time is said, with the model counted in its place.
    let runtimeModel =
      frontMatterModel != nil
      ? nil
      : zip(files, frontMatters).lazy.compactMap { file, frontMatter in
        frontMatter.runtimeModel.map { "\(file.path) gives the model as '\(SafeText.quoted($0, limit: 80))'" }
      }.first
    guard let model = snapshot.feature.model ?? frontMatterModel ?? requestModel ?? defaults.model else {
      throw EstimateError.noModel(feature: snapshot.feature.id, runtimeModel: runtimeModel)
    }
    if let runtimeModel {
      warnings.append("feature '\(snapshot.feature.id)': \(runtimeModel), filled in at run time; counted as \(model)")
    }
    return model
  }

  /// The counter's encoding, or with request parts how they were counted: the feature is exact
  /// only if every request part and every other part is.
  private func encoding(counter: TokenCounter, requests: [RequestCount], parts: Int) -> EncodingInfo {
    guard !requests.isEmpty else { return counter.info }
    let othersExact = requests.count == parts || counter.exact
    return EncodingInfo(
      name: counter.info.name, exact: othersExact && requests.allSatisfy(\.exact),
      method: "request: " + requests.map(\.method).uniqued().joined(separator: "; "))
  }

  /// What counting a feature's prompt parts found: the input tokens, the cacheable prefix, and
  /// each part's text and recount for attributing a change to lines.
  private struct CountedParts {
    var input = 0
    var messages = 0
    var prefix = CachePrefix()
    var unknown = Set<String>()
    var requests: [RequestCount] = []
    var requestNames = Set<String>()
    var promptTexts: [String: String] = [:]
    var promptFiles: [String: FeatureSnapshot.PromptFile] = [:]
    var recounts: [String: PartRecount] = [:]
  }

  /// Counts every prompt part in send order, following the cacheable prefix through them.
  private func count(
    snapshot: FeatureSnapshot, templates: [(FeatureSnapshot.PromptFile, Template?)], bound: BoundValues,
    featureTemplates: FeatureTemplates, rendering: FeatureTemplates.Rendering, parts: PartCounter
  ) throws -> CountedParts {
    var counted = CountedParts()
    for file in bound.files {
      counted.promptTexts[file.id] = file.text
      counted.promptFiles[file.id] = file
      counted.recounts[file.id] = PartRecount(file: file, parts: parts)
    }
    for (file, template) in templates {
      counted.promptTexts[file.id] = file.text
      counted.promptFiles[file.id] = file
      counted.recounts[file.id] = PartRecount(
        file: file, parts: parts, templates: featureTemplates,
        entries: featureTemplates.files(reaching: file.id, in: rendering).map(\.id))
      counted.prefix.begin(cache: file.part.cache)
      if file.part.kind == .request {
        let request = try parts.countRequest(
          file, prefix: &counted.prefix, names: &counted.requestNames, unknown: &counted.unknown)
        counted.requests.append(request)
        counted.input += request.inputTokens
      } else if let template {
        let (tokens, messages) = parts.count([template], prefix: &counted.prefix, unknown: &counted.unknown)
        counted.input += tokens
        counted.messages += messages
      } else {
        let tokens: Int
        do {
          tokens = try parts.countJSON(file.text)
        } catch let error as JSONParseError {
          throw EstimateError.invalidJSONPart(file: file.path, reason: error.in(file.path).description)
        }
        counted.input += tokens
        counted.prefix.add(tokens)
      }
    }
    // Files the templates include count in the prompt files' messages; their edits are theirs.
    for (path, text) in featureTemplates.library.texts.sorted(by: { $0.key < $1.key })
    where counted.promptTexts[path] == nil {
      let entries = featureTemplates.files(reaching: path, in: rendering)
      guard let first = entries.first else { continue }
      counted.promptTexts[path] = text
      counted.recounts[path] = PartRecount(
        file: FeatureSnapshot.PromptFile(part: first.part, path: path, text: text), parts: parts,
        templates: featureTemplates, entries: entries.map(\.id))
    }
    return counted
  }

  /// Output tokens per call and where the number came from: traces, then the config, then a
  /// front matter's limit (an upper bound), else 0.
  private func output(
    feature: FeatureConfig, observed: Int?, frontMatters: [FrontMatter], warnings: inout [String]
  ) -> (Int, EstimateSource) {
    if let observed { return (observed, .traces) }
    if let configured = feature.outputTokens { return (configured, .config) }
    if let limit = frontMatters.lazy.compactMap(\.maxOutputTokens).first {
      warnings.append(
        "feature '\(feature.id)': output counted at the front matter's limit of \(limit) tokens, an upper bound; set output_tokens or add traces"
      )
      return (limit, .template)
    }
    warnings.append("feature '\(feature.id)': no output_tokens and no traces; output counted as 0")
    return (0, .none)
  }
}
