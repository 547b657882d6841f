#include "bounds/PathState.h"

#include "llvm/ADT/STLExtras.h"

namespace mmio {

namespace {
constexpr size_t MaxSteps = 8;
} // namespace

bool PathEnv::sameValues(const PathEnv &Other) const {
  if (Vars.size() != Other.Vars.size() || Via != Other.Via)
    return false;
  for (const auto &[D, B] : Vars) {
    auto It = Other.Vars.find(D);
    if (It == Other.Vars.end() || It->second.Values != B.Values)
      return false;
  }
  return true;
}

void appendSteps(std::vector<TrailStep> &To, const std::vector<TrailStep> &From) {
  for (const TrailStep &S : From) {
    if (To.size() >= MaxSteps)
      return;
    bool Seen = llvm::any_of(To, [&](const TrailStep &T) { return T.Loc == S.Loc && T.Text == S.Text; });
    if (!Seen)
      To.push_back(S);
  }
}

PathEnv mergeEnvs(const PathEnv &A, const PathEnv &B) {
  PathEnv R;
  R.Merged = true;
  R.Via = A.Via == B.Via ? A.Via : nullptr;
  // A variable bound on one side only has no known value on the other: unknown after the join.
  for (const auto &[D, BA] : A.Vars) {
    auto It = B.Vars.find(D);
    if (It == B.Vars.end())
      continue;
    const Binding &BB = It->second;
    Binding J;
    J.Values =
        BA.Values.width() == BB.Values.width() ? BA.Values.join(BB.Values) : ValueSet::unknown(BA.Values.width());
    J.Why = BA.Why;
    appendSteps(J.Why, BB.Why);
    J.FromOpenParameter = BA.FromOpenParameter || BB.FromOpenParameter;
    R.Vars[D] = std::move(J);
  }
  return R;
}

PathSet joinPaths(const PathSet &A, const PathSet &B) {
  PathSet R = A;
  for (const PathEnv &E : B)
    if (!llvm::any_of(R, [&](const PathEnv &X) { return X.sameValues(E) && X.Merged == E.Merged; }))
      R.push_back(E);
  if (R.size() <= MaxPaths)
    return R;
  PathEnv All = R.front();
  for (size_t K = 1; K < R.size(); ++K)
    All = mergeEnvs(All, R[K]);
  return PathSet{All};
}

bool samePaths(const PathSet &A, const PathSet &B) {
  if (A.size() != B.size())
    return false;
  for (size_t K = 0; K < A.size(); ++K)
    if (!A[K].sameValues(B[K]) || A[K].Merged != B[K].Merged)
      return false;
  return true;
}

} // namespace mmio
