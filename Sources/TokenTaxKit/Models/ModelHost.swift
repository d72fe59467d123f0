/// The host a provider-prefixed id names (`deepinfra/meta-llama/…`, `bedrock/…`), and which
/// rows may price it: a host that resells at the model maker's list price may use that maker's
/// rows; a host with its own rates only rows imported for it. Never another host's rate.
enum ModelHost {
  /// Hosts that charge the model maker's list price for these makers' models.
  static let listPrice: [String: Set<String>] = [
    "azure": ["openai"], "azure_openai": ["openai"],
    "vertex_ai": ["google", "anthropic"], "vertex": ["google", "anthropic"],
    "bedrock": ["anthropic", "meta"],
    "openrouter": ["openai", "anthropic", "google", "xai", "deepseek", "mistral"],
  ]
  /// Hosts with their own rates for every model they serve.
  static let ownRates: Set<String> = [
    "deepinfra", "together", "together_ai", "togethercomputer", "fireworks", "fireworks_ai", "groq", "cerebras",
    "nebius",
    "novita", "hyperbolic", "sambanova", "baseten", "replicate", "perplexity", "cloudflare", "huggingface", "lambda_ai",
  ]

  /// The host named by the first segment of `raw`, when it is one.
  static func host(of raw: String) -> String? {
    guard let slash = raw.firstIndex(of: "/") else { return nil }
    let first = raw[..<slash].lowercased()
    return listPrice[first] != nil || ownRates.contains(first) ? first : nil
  }

  /// Whether a row of `provider` may price an id served by `host`.
  static func allows(_ host: String, provider: String) -> Bool {
    listPrice[host]?.contains(provider) ?? false
  }
}
