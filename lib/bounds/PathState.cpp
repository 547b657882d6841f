#include "bounds/PathState.h"

#include "llvm/ADT/STLExtras.h"

namespace mmio {

namespace {
constexpr size_t MaxSteps = 8;

template <typename Map> bool sameBindings(const Map &A, const Map &B) {
  if (A.size() != B.size())
    return false;
  for (const auto &[K, V] : A) {
    auto It = B.find(K);
    if (It == B.end() || It->second.Values != V.Values)
      return false;
  }
  return true;
}

Binding joinBindings(const Binding &BA, const Binding &BB);

/// A slot bound on one side only has no known value on the other: unknown (unbound) after the join.
template <typename Map> Map joinBindingMaps(const Map &A, const Map &B) {
  Map R;
  for (const auto &[K, BA] : A)
    if (auto It = B.find(K); It != B.end())
      R[K] = joinBindings(BA, It->second);
  return R;
}

} // namespace

bool PathEnv::sameValues(const PathEnv &Other) const {
  return Via == Other.Via && sameBindings(Vars, Other.Vars) && sameBindings(Members, Other.Members);
}

void appendSteps(std::vector<TrailStep> &To, const std::vector<TrailStep> &From) {
  for (const TrailStep &S : From) {
    if (To.size() >= MaxSteps)
      return;
    bool Seen = llvm::any_of(To, [&](const TrailStep &T) {
      return T.Loc == S.Loc && T.Text == S.Text && T.Where.File == S.Where.File && T.Where.Line == S.Where.Line &&
             T.Where.Column == S.Where.Column;
    });
    if (!Seen)
      To.push_back(S);
  }
}

namespace {

Binding joinBindings(const Binding &BA, const Binding &BB) {
  Binding J;
  J.Values = BA.Values.width() == BB.Values.width() ? BA.Values.join(BB.Values) : ValueSet::unknown(BA.Values.width());
  J.Why = BA.Why;
  appendSteps(J.Why, BB.Why);
  J.FromOpenParameter = BA.FromOpenParameter || BB.FromOpenParameter;
  return J;
}

} // namespace

PathEnv mergeEnvs(const PathEnv &A, const PathEnv &B) {
  PathEnv R;
  R.Merged = true;
  R.Via = A.Via == B.Via ? A.Via : nullptr;
  R.Vars = joinBindingMaps(A.Vars, B.Vars);
  R.Members = joinBindingMaps(A.Members, B.Members);
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
