/// The list of subcommands. Add a new command here, one line, in help order.
enum CommandRegistry {
  static var all: [any Command.Type] {
    [
      CheckCommand.self,
      EstimateCommand.self,
      InitCommand.self,
      BudgetInitCommand.self,
      TracesSummarizeCommand.self,
      TracesDiffCommand.self,
      DemoCommand.self,
    ]
  }
}
