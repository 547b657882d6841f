#include "mitigation/MitigationDetector.h"

#include <map>
#include <string>

namespace mmio {

namespace {

/// Matching is backtracking over pattern placements; a body is a few hundred tokens and a mitigation has a few
/// patterns, so this cap, shared by every body of a file, is never reached by real code, only by input built to
/// make the search explode (it then reports the fix absent, the safe answer).
constexpr unsigned MaxSteps = 1u << 22;

/// Index one past the token that closes the bracket opened at `Open`, or `Toks.size()`.
size_t skipBalanced(const CodeTokens &Code, size_t Open, llvm::StringRef OpenText, llvm::StringRef CloseText) {
  unsigned Depth = 0;
  for (size_t I = Open; I < Code.Tokens.size(); ++I) {
    llvm::StringRef T = Code.text(Code.Tokens[I]);
    if (T == OpenText)
      ++Depth;
    else if (T == CloseText && --Depth == 0)
      return I + 1;
  }
  return Code.Tokens.size();
}

/// [begin, end) of each body of a definition of `Function` at file scope.
std::vector<std::pair<size_t, size_t>> functionBodies(const CodeTokens &Code, llvm::StringRef Function) {
  std::vector<std::pair<size_t, size_t>> Bodies;
  const std::vector<CodeToken> &Toks = Code.Tokens;
  unsigned Depth = 0;
  for (size_t I = 0; I < Toks.size(); ++I) {
    llvm::StringRef T = Code.text(Toks[I]);
    if (T == "{")
      ++Depth;
    else if (T == "}" && Depth)
      --Depth;
    if (Depth || !Toks[I].Identifier || T != Function || I + 1 >= Toks.size() || Code.text(Toks[I + 1]) != "(")
      continue;
    size_t AfterParams = skipBalanced(Code, I + 1, "(", ")");
    if (AfterParams >= Toks.size() || Code.text(Toks[AfterParams]) != "{")
      continue; // a declaration or a call at file scope
    size_t End = skipBalanced(Code, AfterParams, "{", "}");
    Bodies.emplace_back(AfterParams + 1, End);
    I = End - 1;
  }
  return Bodies;
}

class Search {
public:
  Search(const CodeTokens &Code, const std::vector<CodePattern> &Patterns, unsigned &Steps)
      : Code(Code), Patterns(Patterns), Steps(Steps) {}

  /// The offset where the first pattern matched in [Begin, End), when all do. Iterative over the patterns (an
  /// explicit stack of placements), so that no number of patterns can exhaust the call stack.
  std::optional<unsigned> run(size_t Begin, size_t End) {
    Bindings.clear();
    std::vector<Placement> Stack;
    size_t From = Begin;
    while (Stack.size() < Patterns.size()) {
      const CodePattern &P = Patterns[Stack.size()];
      bool Placed = false;
      for (size_t At = From; At + P.Tokens.size() <= End; ++At) {
        if (++Steps > MaxSteps)
          return std::nullopt;
        std::vector<std::string> Bound;
        if (matchAt(P, At, Bound)) {
          Stack.push_back({At, std::move(Bound)});
          Placed = true;
          break;
        }
        unbind(Bound);
      }
      if (Placed) {
        From = Begin; // the next pattern may match anywhere in the body
        continue;
      }
      if (Stack.empty())
        return std::nullopt;
      // Move the previous pattern to its next placement.
      From = Stack.back().At + 1;
      unbind(Stack.back().Bound);
      Stack.pop_back();
    }
    return Code.Tokens[Stack.front().At].Offset;
  }

private:
  struct Placement {
    size_t At;
    std::vector<std::string> Bound; // metavariables this placement bound first
  };

  void unbind(const std::vector<std::string> &Names) {
    for (const std::string &Name : Names)
      Bindings.erase(Name);
  }

  bool matchAt(const CodePattern &P, size_t At, std::vector<std::string> &Bound) {
    for (size_t J = 0; J < P.Tokens.size(); ++J) {
      const CodeToken &Have = Code.Tokens[At + J];
      llvm::StringRef HaveText = Code.text(Have);
      if (!P.MetaVariable[J]) {
        if (P.Tokens[J] != HaveText)
          return false;
        continue;
      }
      if (!Have.Identifier)
        return false;
      auto [It, Inserted] = Bindings.try_emplace(P.Tokens[J], HaveText.str());
      if (Inserted)
        Bound.push_back(P.Tokens[J]);
      else if (It->second != HaveText)
        return false;
    }
    return true;
  }

  const CodeTokens &Code;
  const std::vector<CodePattern> &Patterns;
  unsigned &Steps;
  std::map<std::string, std::string> Bindings;
};

PatternMatch lineAndColumn(llvm::StringRef Text, unsigned Offset) {
  PatternMatch M;
  llvm::StringRef Before = Text.take_front(Offset);
  M.Line = 1 + Before.count('\n');
  size_t LineStart = Before.rfind('\n');
  M.Column = Offset - (LineStart == llvm::StringRef::npos ? 0 : LineStart + 1) + 1;
  return M;
}

} // namespace

std::optional<PatternMatch> findInFunction(llvm::StringRef Text, llvm::StringRef Function,
                                           const std::vector<CodePattern> &Patterns) {
  if (Patterns.empty())
    return std::nullopt;
  CodeTokens Code = lexCode(Text);
  unsigned Steps = 0;
  Search S(Code, Patterns, Steps);
  for (auto [Begin, End] : functionBodies(Code, Function))
    if (std::optional<unsigned> Offset = S.run(Begin, End))
      return lineAndColumn(Text, *Offset);
  return std::nullopt;
}

} // namespace mmio
