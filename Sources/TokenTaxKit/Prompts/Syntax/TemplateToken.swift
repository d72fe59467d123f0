/// One lexical unit of a template file, before blocks are matched.
enum TemplateToken: Equatable {
  /// Text sent as is, starting on `line`.
  case text(String, line: Int)
  /// An expression whose value is output: `{{ x }}`, `{{{ x }}}`, `{x}`, `${x}`.
  case output(String, Position)
  /// A tag that only shapes the output: Jinja `{% … %}`, or a mustache tag that opens, closes
  /// or separates a block or names a partial (`#each x`, `/each`, `^x`, `else`, `> name`),
  /// kept with its sigil.
  case statement(String, Position)
  /// A mustache comment (`{{! … }}`), kept only so a line holding nothing else is dropped
  /// (`StandaloneLines`); it outputs nothing.
  case comment(Position)
  /// prompty: a line that is only `system:` / `user:` / `assistant:`.
  case roleLine(PromptPart.Role, line: Int)

  /// Where a tag starts: 1-based line and column.
  struct Position: Equatable {
    var line: Int
    var column: Int
  }
}
