import Foundation
import JSON

/// Builds the effective price table of a check: built-in, then the config's price files (read
/// at head), then `--prices` files, then the config's overrides — later sources win.
enum PriceSetup {
  static func table(config: Config, source: any FileSource, extraFiles: [String], workingDirectory: URL) throws
    -> PriceTable
  {
    var table = PriceTable.builtIn()
    if !config.prices.files.isEmpty {
      let contents = try source.read(config.prices.files)
      for path in config.prices.files {
        guard let data = contents[path] else {
          throw JSONFieldError(
            file: Config.fileName, path: "prices.files", problem: "must name existing files; '\(path)' was not found")
        }
        table = try table.adding(fileContents: data, named: path)
      }
    }
    for path in extraFiles {
      let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : workingDirectory.appendingPathComponent(path)
      table = try table.adding(fileAt: url, named: path)
    }
    if !config.prices.overrides.isEmpty {
      table = try table.applyingOverrides(.object(config.prices.overrides), file: Config.fileName)
    }
    return try table.addingDeployments(config.defaults.deployments, file: Config.fileName)
  }
}
