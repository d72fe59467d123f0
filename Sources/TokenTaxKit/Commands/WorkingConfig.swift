import Foundation

/// The working tree's `tokentax.json`, for commands that use it when it is there (`prices`,
/// `traces …`): `--config` when given (then it must exist), else the repo root's, else none.
struct WorkingConfig {
  var config: Config
  var source: WorktreeFiles

  static func load(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> WorkingConfig? {
    guard let git = try? Git.discover(from: invocation.workingDirectory, environment: invocation.environment) else {
      if let given = arguments.value(.config) { throw ConfigError.missing(given) }
      return nil
    }
    let path =
      try arguments.value(.config).map {
        try CheckPipeline.repoRelative($0, git: git, workingDirectory: invocation.workingDirectory)
      } ?? Config.fileName
    let source = WorktreeFiles(git: git)
    guard let data = try source.read(path) else {
      if arguments.value(.config) != nil { throw ConfigError.missing(path) }
      return nil
    }
    return WorkingConfig(config: try ConfigDecoder.decode(data, file: path), source: source)
  }

  /// The price table `check` would use: built-in, config files, `--prices`, config overrides;
  /// without a config, built-in and `--prices`.
  static func prices(_ arguments: ParsedArguments, _ invocation: Invocation, config: WorkingConfig?) throws
    -> PriceTable
  {
    let extra = arguments.allValues(.prices)
    if let config {
      return try PriceSetup.table(
        config: config.config, source: config.source, extraFiles: extra, workingDirectory: invocation.workingDirectory)
    }
    var table = PriceTable.builtIn()
    for path in extra {
      table = try table.adding(fileAt: invocation.url(for: path), named: path)
    }
    return table
  }
}
