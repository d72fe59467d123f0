/// The list of subcommands. Add a new command here, one line, in help order.
enum CommandRegistry {
  static var all: [any Command.Type] {
    [
      CheckCommand.self,
      EstimateCommand.self,
      CountCommand.self,
      PricesCommand.self,
      PricesUpdateCommand.self,
      CalibrateCommand.self,
      InitCommand.self,
      BudgetInitCommand.self,
      TracesSummarizeCommand.self,
      TracesDiffCommand.self,
      CommentCommand.self,
      HookCommand.self,
      DemoCommand.self,
      CompletionsCommand.self,
    ]
  }
}
