#include "source/CallExtent.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace mmio {

CharSourceRange callExtent(SourceLocation CallBegin, const SourceManager &SM) {
  if (CallBegin.isInvalid())
    return {};
  SourceLocation Begin = SM.getExpansionLoc(CallBegin);
  auto [FID, Offset] = SM.getDecomposedLoc(Begin);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(FID, &Invalid);
  if (Invalid || Offset >= Buffer.size())
    return {};
  // Parentheses and comments are all that matter here, so any C dialect lexes them alike.
  LangOptions Opts;
  Opts.LineComment = true;
  Lexer Lex(SM.getLocForStartOfFile(FID), Opts, Buffer.begin(), Buffer.begin() + Offset, Buffer.end());
  Token Tok;
  Lex.LexFromRawLexer(Tok);
  SourceLocation End = Tok.getEndLoc();
  // `f(args)`, `(f)(args)`, `MACRO(args)`: parenthesised groups, one after another, until something else follows.
  unsigned Depth = Tok.is(tok::l_paren) ? 1 : 0;
  while (!Tok.is(tok::eof)) {
    if (Depth == 0) {
      Token Next;
      Lex.LexFromRawLexer(Next);
      if (!Next.is(tok::l_paren))
        break;
      Tok = Next;
      Depth = 1;
      continue;
    }
    Lex.LexFromRawLexer(Tok);
    if (Tok.is(tok::l_paren)) {
      ++Depth;
    } else if (Tok.is(tok::r_paren)) {
      if (--Depth == 0)
        End = Tok.getEndLoc();
    }
  }
  return CharSourceRange::getCharRange(Begin, End);
}

} // namespace mmio
