import Foundation
import TokenTaxKit

// A reader that closes the pipe early (`tokentax count big.txt | head`) is not an error.
signal(SIGPIPE, SIG_IGN)
let status = TokenTax.run(
  arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
exit(status.rawValue)
