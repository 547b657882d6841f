#include "mitigation/CodePattern.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

namespace mmio {

namespace {

clang::LangOptions cLanguage() {
  clang::LangOptions Opts;
  Opts.C11 = true;
  Opts.GNUMode = true;
  Opts.LineComment = true;  // without it `//* ... */` would be code to the lexer, and a commented-out fix a fix
  Opts.DollarIdents = true; // how a pattern spells its metavariables; the kernel's C has no `$` in names
  return Opts;
}

/// The spelling with line continuations removed, as the compiler reads it.
std::string cleaned(llvm::StringRef Raw) {
  std::string Out;
  for (size_t I = 0; I < Raw.size(); ++I) {
    if (Raw[I] == '\\') {
      size_t J = I + 1;
      while (J < Raw.size() && (Raw[J] == ' ' || Raw[J] == '\t'))
        ++J;
      if (J < Raw.size() && (Raw[J] == '\n' || Raw[J] == '\r')) {
        if (Raw[J] == '\r' && J + 1 < Raw.size() && Raw[J + 1] == '\n')
          ++J;
        I = J;
        continue;
      }
    }
    Out += Raw[I];
  }
  return Out;
}

/// `if 0` (and `if (0)`) opens a region no build compiles; other conditions cannot be judged here.
bool opensDeadRegion(const std::vector<std::string> &Directive) {
  if (Directive.size() < 2 || Directive[0] != "if")
    return false;
  std::string Rest;
  for (size_t I = 1; I < Directive.size(); ++I)
    Rest += Directive[I];
  return Rest == "0" || Rest == "(0)";
}

} // namespace

CodeTokens lexCode(llvm::StringRef Text) {
  clang::LangOptions Opts = cLanguage();
  clang::Lexer L(clang::SourceLocation(), Opts, Text.begin(), Text.begin(), Text.end());
  CodeTokens Out;
  Out.Source = Text;
  clang::Token Tok;
  L.LexFromRawLexer(Tok);
  // Nesting of conditionals inside an `#if 0` region, 0 outside one.
  unsigned DeadDepth = 0;
  while (Tok.isNot(clang::tok::eof)) {
    auto Spelling = [&] {
      const char *End = L.getBufferLocation();
      return llvm::StringRef(End - Tok.getLength(), Tok.getLength());
    };
    if (Tok.is(clang::tok::hash) && Tok.isAtStartOfLine()) {
      // A directive runs to the end of its line (continuations included): its words, then whatever follows.
      std::vector<std::string> Words;
      for (L.LexFromRawLexer(Tok); Tok.isNot(clang::tok::eof) && !Tok.isAtStartOfLine(); L.LexFromRawLexer(Tok))
        Words.push_back(cleaned(Spelling()));
      llvm::StringRef Name = Words.empty() ? "" : llvm::StringRef(Words[0]);
      if (DeadDepth) {
        if (Name.starts_with("if"))
          ++DeadDepth;
        else if (Name == "endif" || (DeadDepth == 1 && (Name == "else" || Name == "elif")))
          --DeadDepth;
      } else if (opensDeadRegion(Words)) {
        DeadDepth = 1;
      }
      continue;
    }
    if (!DeadDepth) {
      llvm::StringRef Raw = Spelling();
      CodeToken T;
      T.Offset = static_cast<uint32_t>(Raw.begin() - Text.begin());
      T.Length = static_cast<uint32_t>(Raw.size());
      T.Identifier = Tok.is(clang::tok::raw_identifier);
      if (Tok.needsCleaning()) {
        T.Cleaned = static_cast<int32_t>(Out.Cleaned.size());
        Out.Cleaned.push_back(cleaned(Raw));
      }
      Out.Tokens.push_back(T);
    }
    L.LexFromRawLexer(Tok);
  }
  return Out;
}

llvm::Expected<CodePattern> compileCodePattern(llvm::StringRef Text) {
  CodePattern P;
  P.Text = Text.str();
  CodeTokens Lexed = lexCode(P.Text);
  if (Lexed.Tokens.empty())
    return llvm::createStringError("a code pattern must hold at least one token");
  for (const CodeToken &T : Lexed.Tokens) {
    std::string Spelling = Lexed.text(T).str();
    bool Meta = llvm::StringRef(Spelling).starts_with("$");
    if (Meta) {
      bool Named = Spelling.size() > 1 && (llvm::isAlpha(Spelling[1]) || Spelling[1] == '_');
      if (!T.Identifier || !Named || Spelling.find('$', 1) != std::string::npos)
        return llvm::createStringError("'%s' is not a metavariable (expected '$' followed by a C identifier)",
                                       Spelling.c_str());
    }
    P.Tokens.push_back(std::move(Spelling));
    P.MetaVariable.push_back(Meta);
  }
  return P;
}

} // namespace mmio
