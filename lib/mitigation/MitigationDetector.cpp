#include "mitigation/MitigationDetector.h"

#include <map>
#include <string>

namespace mmio {

namespace {

/// Matching is backtracking over pattern placements; a body is a few hundred tokens and a mitigation has a few
/// patterns, so this cap is never reached by real code, only by input built to make the search explode.
constexpr unsigned MaxSteps = 1u << 22;

using Tokens = std::vector<CodeToken>;

/// Index one past the token that closes the bracket opened at `Open`, or `Toks.size()`.
size_t skipBalanced(const Tokens &Toks, size_t Open, llvm::StringRef OpenText, llvm::StringRef CloseText) {
  unsigned Depth = 0;
  for (size_t I = Open; I < Toks.size(); ++I) {
    if (Toks[I].Text == OpenText)
      ++Depth;
    else if (Toks[I].Text == CloseText && --Depth == 0)
      return I + 1;
  }
  return Toks.size();
}

/// [begin, end) of each body of a definition of `Function` at file scope.
std::vector<std::pair<size_t, size_t>> functionBodies(const Tokens &Toks, llvm::StringRef Function) {
  std::vector<std::pair<size_t, size_t>> Bodies;
  unsigned Depth = 0;
  for (size_t I = 0; I < Toks.size(); ++I) {
    const std::string &T = Toks[I].Text;
    if (T == "{")
      ++Depth;
    else if (T == "}" && Depth)
      --Depth;
    if (Depth || !Toks[I].Identifier || T != Function || I + 1 >= Toks.size() || Toks[I + 1].Text != "(")
      continue;
    size_t AfterParams = skipBalanced(Toks, I + 1, "(", ")");
    if (AfterParams >= Toks.size() || Toks[AfterParams].Text != "{")
      continue; // a declaration or a call at file scope
    size_t End = skipBalanced(Toks, AfterParams, "{", "}");
    Bodies.emplace_back(AfterParams + 1, End);
    I = End - 1;
  }
  return Bodies;
}

class Search {
public:
  Search(const Tokens &Body, size_t Begin, size_t End, const std::vector<CodePattern> &Patterns)
      : Body(Body), Begin(Begin), End(End), Patterns(Patterns) {}

  /// The offset where the first pattern matched, when all do.
  std::optional<unsigned> run() {
    if (!place(0))
      return std::nullopt;
    return FirstOffset;
  }

private:
  bool place(size_t K) {
    if (K == Patterns.size())
      return true;
    const Tokens &P = Patterns[K].Tokens;
    for (size_t At = Begin; At + P.size() <= End; ++At) {
      if (++Steps > MaxSteps)
        return false;
      std::vector<std::string> Bound;
      if (!matchAt(P, At, Bound)) {
        for (const std::string &Name : Bound)
          Bindings.erase(Name);
        continue;
      }
      if (K == 0)
        FirstOffset = Body[At].Offset;
      if (place(K + 1))
        return true;
      for (const std::string &Name : Bound)
        Bindings.erase(Name);
    }
    return false;
  }

  /// Binds the metavariables this placement introduces, recording them in `Bound` so the caller can undo them.
  bool matchAt(const Tokens &P, size_t At, std::vector<std::string> &Bound) {
    for (size_t J = 0; J < P.size(); ++J) {
      const CodeToken &Want = P[J], &Have = Body[At + J];
      if (!Want.MetaVariable) {
        if (Want.Text != Have.Text)
          return false;
        continue;
      }
      if (!Have.Identifier)
        return false;
      auto [It, Inserted] = Bindings.try_emplace(Want.Text, Have.Text);
      if (Inserted)
        Bound.push_back(Want.Text);
      else if (It->second != Have.Text)
        return false;
    }
    return true;
  }

  const Tokens &Body;
  size_t Begin, End;
  const std::vector<CodePattern> &Patterns;
  std::map<std::string, std::string> Bindings;
  unsigned Steps = 0;
  unsigned FirstOffset = 0;
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
  Tokens Toks = lexCode(Text);
  for (auto [Begin, End] : functionBodies(Toks, Function))
    if (std::optional<unsigned> Offset = Search(Toks, Begin, End, Patterns).run())
      return lineAndColumn(Text, *Offset);
  return std::nullopt;
}

} // namespace mmio
