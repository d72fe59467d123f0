import JSON

/// Azure deployments: names a team picked (`my-prod-4o`) or Azure's own spellings
/// (`gpt-35-turbo`), which no price source can know. The config maps each to the model it
/// serves, and the deployment is then priced and counted as that model's row.
extension PriceTable {
  /// This table with every deployment name an alias of its target's row. A target no row
  /// prices is a config error naming the deployment, so a typo never prices at nothing.
  func addingDeployments(_ deployments: [String: String], file: String) throws -> PriceTable {
    var table = self
    for name in deployments.keys.sorted() {
      guard let target = deployments[name] else { continue }
      guard let id = resolve(target), let row = rows[id] else {
        let closest = Suggestion.closest(to: ModelID.base(target), in: rows.keys.sorted())
        let hint = closest.isEmpty ? "" : " (closest: \(closest.joined(separator: ", ")))"
        throw JSONFieldError(
          file: file, path: "defaults.deployments.\(name)",
          problem:
            "must be the id of a priced model; '\(SafeText.quoted(target, limit: 80))' is not in the price table\(hint)",
          remedy: "fix the id or add its row under prices.overrides")
      }
      table.insert(row, aliases: [name])
    }
    return table
  }
}
