/// An error a person can act on: one sentence naming the file, position or field, and the fix.
///
/// Every layer's error enum conforms; the CLI prints `description` after `error: ` and exits 2.
public protocol UserFacingError: Error, CustomStringConvertible {}
