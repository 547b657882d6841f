// Fuzzes value-set arithmetic against a brute-force model at 8 bits: the bytes pick two sets and a sequence of
// operations; every value the machine can compute must be in the result, and ends claimed reachable must be.
#include "bounds/ValueArith.h"
#include "ConcreteArith.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>

using llvm::APInt;
using namespace mmio;

namespace {

constexpr unsigned NumOps = 13;


/// A set and the exact values it stands for (sets from the fuzzer are exact: every value is reachable).
struct Model {
  ValueSet Set = ValueSet::empty(8);
  std::set<unsigned> Values;
};

Model takeSet(const uint8_t *&P, const uint8_t *End) {
  Model M;
  unsigned Pieces = P < End ? 1 + (*P++ % 3) : 1;
  for (unsigned K = 0; K < Pieces && P + 1 < End; ++K) {
    unsigned Lo = *P++, Span = *P++ % 16;
    unsigned Hi = Lo + Span > 255 ? 255 : Lo + Span;
    M.Set = M.Set.join(ValueSet::range(APInt(8, Lo), APInt(8, Hi)));
    for (unsigned V = Lo; V <= Hi; ++V)
      M.Values.insert(V);
  }
  return M;
}

void check(bool Ok) {
  if (!Ok)
    abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  const uint8_t *P = Data, *End = Data + Size;
  Model A = takeSet(P, End);
  while (P + 1 < End) {
    ArithOp Op = static_cast<ArithOp>(*P++ % NumOps);
    Model B = takeSet(P, End);
    if (A.Values.empty() || B.Values.empty())
      return 0;
    ValueSet R = applyArith(Op, A.Set, B.Set);
    std::set<unsigned> Results;
    bool Undefined = false;
    for (unsigned X : A.Values)
      for (unsigned Y : B.Values) {
        int V = concreteArith8(Op, X, Y);
        if (V < 0)
          Undefined = true;
        else
          Results.insert(V);
      }
    if (R.isUnknown())
      return 0; // nothing more to chain on
    check(!Undefined);
    for (unsigned V : Results)
      check(R.contains(APInt(8, V)));
    if (R.hasExactEnds() && !Results.empty()) {
      check(Results.count(R.min().getZExtValue()) != 0);
      check(Results.count(R.max().getZExtValue()) != 0);
    }
    // Chain: the next operation works on what the machine could have produced, the set on its approximation.
    A.Set = R;
    A.Values = Results;
    if (!R.hasExactEnds())
      return 0; // the model and the set no longer describe the same reachable ends
  }
  return 0;
}
