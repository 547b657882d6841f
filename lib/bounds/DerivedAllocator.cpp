#include "bounds/DerivedAllocator.h"

#include "bounds/PathState.h"
#include "bounds/ValueArith.h"

namespace mmio {

namespace {

bool sameSteps(const std::vector<ForwardStep> &A, const std::vector<ForwardStep> &B) {
  if (A.size() != B.size())
    return false;
  for (size_t K = 0; K < A.size(); ++K)
    if (A[K].Width != B[K].Width || A[K].FromSigned != B[K].FromSigned || A[K].ToBool != B[K].ToBool ||
        A[K].Add.getBitWidth() != B[K].Add.getBitWidth() || A[K].Add != B[K].Add)
      return false;
  return true;
}

bool sameRole(const SummaryRole &A, const SummaryRole &B) {
  if (A.Present != B.Present || A.Param != B.Param || !sameSteps(A.Steps, B.Steps) ||
      A.Fixed.has_value() != B.Fixed.has_value())
    return false;
  return !A.Fixed || *A.Fixed == *B.Fixed;
}

} // namespace

Scenario joinScenarioList(const std::vector<Scenario> &All) {
  Scenario J;
  J.Correlated = false;
  for (const Scenario &S : All) {
    J.FirstPaths |= S.FirstPaths;
    for (unsigned K = 0; K < NumRoles; ++K) {
      if (!S.Values[K])
        continue;
      if (!J.Values[K])
        J.Values[K] = S.Values[K];
      else if (J.Values[K]->width() == S.Values[K]->width())
        J.Values[K] = J.Values[K]->join(*S.Values[K]);
      else
        J.Values[K] = ValueSet::unknown(J.Values[K]->width());
      appendSteps(J.Trails[K], S.Trails[K]);
      J.FromOpenParameter[K] |= S.FromOpenParameter[K];
    }
  }
  return J;
}

bool DerivedAllocators::add(DerivedAllocator D) {
  std::string Name = D.name();
  if (Ambiguous.count(Name))
    return false;
  auto It = Known.find(Name);
  if (It == Known.end()) {
    Known.try_emplace(Name, std::move(D));
    return true;
  }
  if (!sameSummary(It->second, D)) {
    Known.erase(It);
    Ambiguous[Name] = true;
  }
  return false;
}

const DerivedAllocator *DerivedAllocators::find(llvm::StringRef Name) const {
  auto It = Known.find(Name);
  return It == Known.end() ? nullptr : &It->second;
}

std::vector<const DerivedAllocator *> DerivedAllocators::all() const {
  std::vector<const DerivedAllocator *> Out;
  for (const auto &E : Known)
    Out.push_back(&E.second);
  llvm::sort(Out, [](const DerivedAllocator *A, const DerivedAllocator *B) { return A->name() < B->name(); });
  return Out;
}

std::vector<std::string> DerivedAllocators::ambiguous() const {
  std::vector<std::string> Out;
  for (const auto &E : Ambiguous)
    Out.push_back(E.getKey().str());
  llvm::sort(Out);
  return Out;
}

void DerivedAllocators::giveUp(llvm::StringRef Name) {
  Known.erase(Name);
  Ambiguous[Name] = true;
}

bool sameSummary(const DerivedAllocator &A, const DerivedAllocator &B) {
  if (A.Spec.Name != B.Spec.Name || A.Spec.Params != B.Spec.Params || A.NumParams != B.NumParams ||
      A.Depth != B.Depth || A.Origin.Allocator != B.Origin.Allocator || A.Origin.Function != B.Origin.Function ||
      A.Origin.File != B.Origin.File || A.Origin.DestinationField != B.Origin.DestinationField ||
      A.Origin.SizeMacros != B.Origin.SizeMacros || A.Scenarios.size() != B.Scenarios.size())
    return false;
  for (size_t S = 0; S < A.Scenarios.size(); ++S) {
    if (A.Scenarios[S].Correlated != B.Scenarios[S].Correlated)
      return false;
    for (unsigned K = 0; K < NumRoles; ++K)
      if (!sameRole(A.Scenarios[S].Roles[K], B.Scenarios[S].Roles[K]))
        return false;
  }
  return true;
}

ValueSet applyForwardSteps(ValueSet V, const std::vector<ForwardStep> &Steps) {
  for (const ForwardStep &S : Steps) {
    if (V.width() != S.Width || S.ToBool)
      V = convert(V, S.Width, S.FromSigned, S.ToBool);
    if (!S.Add.isZero())
      V = applyArith(ArithOp::Add, V, ValueSet::constant(S.Add.zextOrTrunc(S.Width)));
  }
  return V;
}

std::vector<Scenario> expandDerivedCall(const DerivedAllocator &D, const std::vector<Scenario> &AtCall) {
  std::vector<Scenario> Out;
  FileLocation WrapperCall = D.PassedOn.empty() ? FileLocation() : D.PassedOn.front().Where;
  for (const Scenario &C : AtCall)
    for (const SummaryScenario &W : D.Scenarios) {
      Scenario S;
      // The wrapper's paths do not depend on what it is passed (a summary is made only then), so each of them
      // goes with each of the caller's.
      S.Correlated = C.Correlated && W.Correlated;
      S.FirstPaths = C.FirstPaths;
      for (unsigned K = 0; K < NumRoles; ++K) {
        const SummaryRole &R = W.Roles[K];
        if (!R.Present)
          continue;
        if (!R.Param) {
          S.Values[K] = R.Fixed ? *R.Fixed : ValueSet::unknown(64);
          S.Trails[K] = R.Trail;
          continue;
        }
        if (!C.Values[K]) {
          S.Values[K] = ValueSet::unknown(64);
          continue;
        }
        S.Values[K] = applyForwardSteps(*C.Values[K], R.Steps);
        S.Trails[K] = C.Trails[K];
        S.FromOpenParameter[K] = C.FromOpenParameter[K];
        if (*S.Values[K] != *C.Values[K])
          S.Trails[K].push_back(
              {clang::SourceLocation(),
               "'" + D.name() + "' passes " + roleName(static_cast<Role>(K)).str() + " on as " + S.Values[K]->str(),
               WrapperCall});
      }
      Out.push_back(std::move(S));
    }
  // As many groups of paths as the flow analysis keeps apart; past it the combinations are joined.
  if (Out.size() > MaxSummaryScenarios)
    return {joinScenarioList(Out)};
  return Out;
}

} // namespace mmio
