#include "FileSpelling.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSwitch.h"

#include <cstring>

namespace mmio {

namespace {

bool isIdentifierChar(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || (C >= '0' && C <= '9') || C == '_' || C == '$';
}

/// Keywords after which an expression can start: a name right after one of them is a use even at file scope. Every
/// other identifier (a type, a qualifier, a storage class, an attribute macro) makes it a declarator, as in the
/// preprocessing prefilter.
bool expressionMayFollow(llvm::StringRef Keyword) {
  return llvm::StringSwitch<bool>(Keyword)
      .Cases("return", "case", "else", "do", "goto", true)
      .Cases("sizeof", "typeof", "typeof_unqual", "__typeof__", "__typeof", "__typeof_unqual__", true)
      .Cases("alignof", "_Alignof", "__alignof__", "__alignof", "__extension__", true)
      .Cases("__real__", "__imag__", "__real", "__imag", true)
      .Cases("throw", "co_return", "co_yield", "co_await", "new", "delete", true)
      .Default(false);
}

/// Reads raw tokens with one token of look-back for the directive parser.
class RawTokens {
public:
  explicit RawTokens(llvm::StringRef Text)
      : Lex(clang::SourceLocation(), options(), Text.begin(), Text.begin(), Text.end()) {}

  /// `Observer` sees every token once, directives' included.
  llvm::function_ref<void(const clang::Token &)> Observer;

  bool next(clang::Token &T) {
    if (HasPending) {
      T = Pending;
      HasPending = false;
    } else {
      Lex.LexFromRawLexer(T);
      if (Observer)
        Observer(T);
    }
    return !T.is(clang::tok::eof);
  }
  void putBack(const clang::Token &T) {
    Pending = T;
    HasPending = true;
  }

private:
  static const clang::LangOptions &options() {
    static const clang::LangOptions Options = [] {
      clang::LangOptions O;
      O.C99 = O.C11 = O.LineComment = O.GNUMode = O.DollarIdents = true;
      return O;
    }();
    return Options;
  }

  clang::Lexer Lex;
  clang::Token Pending;
  bool HasPending = false;
};

llvm::StringRef identifierOf(const clang::Token &T) {
  return T.is(clang::tok::raw_identifier) ? T.getRawIdentifier() : llvm::StringRef();
}

} // namespace

bool isPastedPiece(llvm::StringRef Piece, const WantedNames &Names) {
  if (Piece.size() < MinPastedPiece)
    return false;
  for (const auto &Entry : Names.Allocators) {
    llvm::StringRef Name = Entry.getKey();
    if (Piece.size() < Name.size() && (Name.starts_with(Piece) || Name.ends_with(Piece)))
      return true;
  }
  return false;
}

namespace {

/// Follows one `#define` from the token after `define` to the end of its line: whether its replacement list spells
/// a wanted name or pastes a literal piece of one (a parameter pasted is the caller's text, not this file's).
void readDefine(RawTokens &Tokens, const WantedNames &Names, FileSpelling &Out) {
  clang::Token T;
  if (!Tokens.next(T) || T.isAtStartOfLine() || identifierOf(T).empty()) {
    if (!T.is(clang::tok::eof))
      Tokens.putBack(T);
    return;
  }
  std::string Macro = identifierOf(T).str();
  llvm::SmallVector<llvm::StringRef, 8> Parameters;
  if (Tokens.next(T) && !T.isAtStartOfLine() && T.is(clang::tok::l_paren) && !T.hasLeadingSpace()) {
    while (Tokens.next(T) && !T.isAtStartOfLine() && !T.is(clang::tok::r_paren))
      if (!identifierOf(T).empty())
        Parameters.push_back(identifierOf(T));
    if (!T.is(clang::tok::r_paren)) {
      if (!T.is(clang::tok::eof))
        Tokens.putBack(T);
      return;
    }
  } else if (!T.is(clang::tok::eof)) {
    Tokens.putBack(T);
  }
  bool Spells = false;
  bool AfterPaste = false;
  llvm::StringRef PreviousName;
  size_t BodyTokens = 0;
  llvm::StringRef OnlyToken;
  while (Tokens.next(T) && !T.isAtStartOfLine()) {
    if (++BodyTokens == 1)
      OnlyToken = identifierOf(T);
    llvm::StringRef Name = identifierOf(T);
    bool Literal = !Name.empty() && !llvm::is_contained(Parameters, Name);
    if (!Name.empty() && Names.contains(Name))
      Spells = true;
    if (T.is(clang::tok::hashhash)) {
      if (!PreviousName.empty() && isPastedPiece(PreviousName, Names))
        Spells = true;
      AfterPaste = true;
      PreviousName = {};
      continue;
    }
    if (AfterPaste && Literal && isPastedPiece(Name, Names))
      Spells = true;
    AfterPaste = false;
    PreviousName = Literal ? Name : llvm::StringRef();
  }
  if (!T.is(clang::tok::eof))
    Tokens.putBack(T);
  if (Spells)
    Out.Macros.push_back(std::move(Macro));
  else if (Parameters.empty() && BodyTokens == 1 && isPastedPiece(OnlyToken, Names))
    Out.PieceMacros.push_back({std::move(Macro), OnlyToken.str()});
}

} // namespace

bool spellsAnyOf(llvm::StringRef Text, const llvm::StringSet<> &Names, bool WordStartOnly) {
  for (const auto &Entry : Names) {
    llvm::StringRef Name = Entry.getKey();
    if (Name.empty())
      continue;
    const char *Begin = Text.data(), *End = Begin + Text.size();
    for (const char *At = Begin; At < End;) {
      const void *Hit = ::memmem(At, End - At, Name.data(), Name.size());
      if (!Hit)
        break;
      const char *P = static_cast<const char *>(Hit);
      const char *After = P + Name.size();
      if ((P == Begin || !isIdentifierChar(P[-1])) && (WordStartOnly || After == End || !isIdentifierChar(*After)))
        return true;
      At = P + 1;
    }
  }
  return false;
}

/// Follows, for one allocator's name, chains of pieces joined by `,` or `##` (`__PASTE(vmbus_, allocate_mmio)`,
/// `CONCAT3(vmbus_, allocate, _mmio)`, `vmbus_ ## allocate_mmio`): the token sequences a pasting macro can turn
/// into the name. The first piece is a prefix at least MinPastedPiece long.
class PasteChain {
public:
  PasteChain(llvm::StringRef Name, const llvm::StringMap<std::string> &PieceMacros)
      : Name(Name), PieceMacros(PieceMacros), Reach(Name.size() + 1, false) {}

  /// Sees the next token; true once a chain spells the whole name.
  bool see(const clang::Token &T) {
    llvm::StringRef Piece = T.is(clang::tok::raw_identifier)     ? T.getRawIdentifier()
                            : T.is(clang::tok::numeric_constant) ? llvm::StringRef(T.getLiteralData(), T.getLength())
                                                                 : llvm::StringRef();
    if (auto It = PieceMacros.find(Piece); !Piece.empty() && It != PieceMacros.end())
      Piece = It->second;
    if (Piece.empty()) {
      bool Joins = T.isOneOf(clang::tok::comma, clang::tok::hashhash);
      AfterJoin = Joins && LastWasPiece;
      LastWasPiece = false;
      if (!AfterJoin)
        clear();
      return false;
    }
    std::vector<bool> Next(Name.size() + 1, false);
    bool Any = false;
    if (AfterJoin)
      for (size_t K = 0; K + Piece.size() <= Name.size(); ++K)
        if (Reach[K] && Name.substr(K, Piece.size()) == Piece) {
          Next[K + Piece.size()] = true;
          Any = true;
        }
    if (Next[Name.size()])
      return true;
    if (Piece.size() >= MinPastedPiece && Piece.size() < Name.size() && Name.starts_with(Piece)) {
      Next[Piece.size()] = true;
      Any = true;
    }
    Reach = std::move(Next);
    if (!Any)
      clear();
    LastWasPiece = Any;
    AfterJoin = false;
    return false;
  }

private:
  void clear() { std::fill(Reach.begin(), Reach.end(), false); }

  llvm::StringRef Name;
  const llvm::StringMap<std::string> &PieceMacros;
  std::vector<bool> Reach; // Reach[K]: a chain ending at the last token spells the name's first K characters
  bool LastWasPiece = false, AfterJoin = false;
};

FileSpelling spellingOf(llvm::StringRef Text, const WantedNames &Names) {
  FileSpelling Out;
  std::vector<PasteChain> Chains;
  for (const auto &Entry : Names.Allocators)
    Chains.emplace_back(Entry.getKey(), Names.PieceMacros);
  bool Pasted = false;
  RawTokens Tokens(Text);
  clang::Token T;
  unsigned Depth = 0;
  bool DeclaratorMayFollow = false; // the previous token outside directives leaves only a declarator possible
  bool InDirective = false;
  auto NotePiece = [&](const clang::Token &T) {
    for (PasteChain &C : Chains)
      Pasted |= C.see(T);
  };
  Tokens.Observer = NotePiece;
  while (Tokens.next(T)) {
    if (T.isAtStartOfLine())
      InDirective = false;
    if (T.is(clang::tok::hash) && T.isAtStartOfLine()) {
      clang::Token Keyword;
      if (Tokens.next(Keyword) && !Keyword.isAtStartOfLine() && identifierOf(Keyword) == "define") {
        readDefine(Tokens, Names, Out);
        continue;
      }
      if (!Keyword.is(clang::tok::eof))
        Tokens.putBack(Keyword);
      InDirective = true;
      continue;
    }
    if (InDirective)
      continue;
    if (T.is(clang::tok::l_brace))
      ++Depth;
    else if (T.is(clang::tok::r_brace) && Depth)
      --Depth;
    llvm::StringRef Name = identifierOf(T);
    if (!Name.empty() && !Out.MayCall) {
      if (Names.Macros.contains(Name) || (Names.Allocators.contains(Name) && !(Depth == 0 && DeclaratorMayFollow)))
        Out.MayCall = true;
    }
    DeclaratorMayFollow = !Name.empty() && !expressionMayFollow(Name);
  }
  // A generic pasting macro (`__PASTE(vmbus_, allocate_mmio)`) makes the name from pieces spelled here.
  Out.MayCall |= Pasted;
  return Out;
}

std::vector<std::string> includesOf(llvm::StringRef Text, bool &Computed, llvm::function_ref<void(size_t)> OnPaste) {
  std::vector<std::string> Out;
  const char *Begin = Text.data(), *End = Begin + Text.size();
  auto Blank = [](char C) { return C == ' ' || C == '\t'; };
  for (const char *At = Begin; At < End;) {
    const char *Hash = static_cast<const char *>(std::memchr(At, '#', End - At));
    if (!Hash)
      break;
    At = Hash + 1;
    if (At < End && *At == '#') {
      if (OnPaste)
        OnPaste(Hash - Begin);
      ++At;
      continue;
    }
    const char *LineStart = Hash;
    while (LineStart > Begin && Blank(LineStart[-1]))
      --LineStart;
    if (LineStart > Begin && LineStart[-1] != '\n')
      continue; // not the first thing on its line: not a directive
    const char *P = Hash + 1;
    while (P < End && Blank(*P))
      ++P;
    const char *Word = P;
    while (P < End && isIdentifierChar(*P))
      ++P;
    llvm::StringRef Directive(Word, P - Word);
    if (Directive != "include" && Directive != "include_next" && Directive != "import")
      continue;
    while (P < End && Blank(*P))
      ++P;
    if (P == End)
      break;
    char Close = *P == '"' ? '"' : *P == '<' ? '>' : 0;
    if (!Close) {
      if (isIdentifierChar(*P))
        Computed = true;
      continue;
    }
    const char *Operand = ++P;
    while (P < End && *P != Close && *P != '\n')
      ++P;
    if (P < End && *P == Close && P > Operand)
      Out.emplace_back(Operand, P - Operand);
    At = P;
  }
  return Out;
}

} // namespace mmio
