// Matches a rule's `applies-to` clauses against a call, with the globs the loader compiled.
#include "check/Selector.h"

#include "llvm/ADT/STLExtras.h"

namespace mmio {

namespace {

bool anyEquals(const std::vector<std::string> &Wanted, llvm::StringRef Actual) {
  return llvm::is_contained(Wanted, Actual);
}

} // namespace

bool pathMatches(const CompiledGlob &Glob, llvm::StringRef Path) {
  if (Glob.match(Path))
    return true;
  for (size_t Slash = Path.find('/'); Slash != llvm::StringRef::npos; Slash = Path.find('/', Slash + 1))
    if (Glob.match(Path.substr(Slash + 1)))
      return true;
  return false;
}

bool clauseSelects(const CallSelector &Clause, const AllocatorCall &Call, const ValueSet &Size) {
  if (!Clause.Allocators.empty() && !anyEquals(Clause.Allocators, Call.allocatorName()))
    return false;
  if (!Clause.DestinationFields.empty() && !anyEquals(Clause.DestinationFields, Call.DestinationField))
    return false;
  if (!Clause.SizeMacros.empty() &&
      !llvm::any_of(Call.SizeMacros, [&](const std::string &M) { return anyEquals(Clause.SizeMacros, M); }))
    return false;
  if (!Clause.SizeValues.empty()) {
    // Only a size the analysis knows to be one of the listed values selects the call.
    std::optional<llvm::APInt> V = Size.singleValue();
    if (!V || V->getActiveBits() > 64 || !llvm::is_contained(Clause.SizeValues, V->getZExtValue()))
      return false;
  }
  if (!Clause.Functions.empty() &&
      !llvm::any_of(Clause.Functions, [&](const CompiledGlob &G) { return G.match(Call.selectedFunction()); }))
    return false;
  if (!Clause.Files.empty() &&
      !llvm::any_of(Clause.Files, [&](const CompiledGlob &G) { return pathMatches(G, Call.File); }))
    return false;
  return true;
}

bool ruleApplies(const Rule &R, const AllocatorCall &Call, const ValueSet &Size) {
  if (R.AppliesTo.empty())
    return true;
  return llvm::any_of(R.AppliesTo, [&](const CallSelector &C) { return clauseSelects(C, Call, Size); });
}

} // namespace mmio
