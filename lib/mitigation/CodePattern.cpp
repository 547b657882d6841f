#include "mitigation/CodePattern.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

namespace mmio {

std::vector<CodeToken> lexCode(llvm::StringRef Text) {
  clang::LangOptions Opts;
  Opts.C11 = true;
  Opts.GNUMode = true;
  Opts.DollarIdents = true; // how a pattern spells its metavariables; the kernel's C has no `$` in names
  clang::Lexer L(clang::SourceLocation(), Opts, Text.begin(), Text.begin(), Text.end());
  std::vector<CodeToken> Out;
  clang::Token Tok;
  for (;;) {
    L.LexFromRawLexer(Tok);
    if (Tok.is(clang::tok::eof))
      break;
    const char *End = L.getBufferLocation();
    const char *Begin = End - Tok.getLength();
    CodeToken T;
    T.Text = std::string(Begin, Tok.getLength());
    T.Offset = static_cast<unsigned>(Begin - Text.begin());
    T.Identifier = Tok.is(clang::tok::raw_identifier);
    Out.push_back(std::move(T));
  }
  return Out;
}

llvm::Expected<CodePattern> compileCodePattern(llvm::StringRef Text) {
  CodePattern P;
  P.Text = Text.str();
  P.Tokens = lexCode(Text);
  if (P.Tokens.empty())
    return llvm::createStringError("a code pattern must hold at least one token");
  for (CodeToken &T : P.Tokens) {
    if (!llvm::StringRef(T.Text).starts_with("$"))
      continue;
    bool Named = T.Text.size() > 1 && (llvm::isAlpha(T.Text[1]) || T.Text[1] == '_');
    if (!T.Identifier || !Named || T.Text.find('$', 1) != std::string::npos)
      return llvm::createStringError("'%s' is not a metavariable (expected '$' followed by a C identifier)",
                                     T.Text.c_str());
    T.MetaVariable = true;
  }
  return P;
}

} // namespace mmio
