/// The memos of one thread's encoding: scalar classes and short pieces' tokens. One set serves
/// every part a thread takes of a long text, so later parts start with them warm.
struct EncodingMemos {
  let scalars: ScalarClassMemo
  let pieces: PieceCache

  /// Runs `body` with empty memos sized for about `textLength` bytes, or with none below a few
  /// kilobytes, where setting them up costs more than they save.
  static func with<R>(textLength: Int, _ body: (EncodingMemos?) -> R) -> R {
    guard textLength >= 4096 else { return body(nil) }
    return ScalarClassMemo.with { scalars in
      PieceCache.with(textLength: textLength) { pieces in body(EncodingMemos(scalars: scalars, pieces: pieces)) }
    }
  }
}
