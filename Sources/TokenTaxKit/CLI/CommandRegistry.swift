/// The list of subcommands. Add a new command here, one line, in help order.
enum CommandRegistry {
  static var all: [any Command.Type] {
    [
    DemoCommand.self,
    CommentCommand.self,
    HookCommand.self,
    ]
  }
}
