#include "check/Requirement.h"

#include "llvm/ADT/STLExtras.h"

using llvm::APInt;

namespace mmio {

namespace {

/// Values are compared at 128 bits so that a 64-bit bound never wraps against a 32-bit role.
constexpr unsigned CompareWidth = 128;

APInt wide(const APInt &V) { return V.zext(CompareWidth); }
APInt wide(uint64_t V) { return APInt(CompareWidth, V); }

const ValueSet *valuesOf(const RoleValues &Values, Role R) {
  const std::optional<ValueSet> &V = Values[static_cast<unsigned>(R)];
  return V ? &*V : nullptr;
}

/// Accumulates sub-checks: one violation makes the requirement violated, else one unknown makes it unknown.
class Judgement {
public:
  /// `Certain`: every value the roles can take breaks the requirement, so the verdict rests on no particular value
  /// being reachable (an interval's end that is only a bound, values of different paths combined).
  void violated(std::initializer_list<Role> Roles, const NamedRange *Range = nullptr, bool Certain = false) {
    if (Result.Outcome != Verdict::Violated) {
      Result.Outcome = Verdict::Violated;
      Result.Culprits.clear();
    }
    AllCertain &= Certain;
    if (Range && !Result.Range)
      Result.Range = Range;
    add(Roles);
  }
  void unknown(std::initializer_list<Role> Roles) {
    if (Result.Outcome == Verdict::Violated)
      return;
    Result.Outcome = Verdict::Unknown;
    add(Roles);
  }
  RequirementResult take() { return std::move(Result); }
  bool certain() const { return Result.Outcome == Verdict::Violated && AllCertain; }

private:
  bool AllCertain = true;
  void add(std::initializer_list<Role> Roles) {
    for (Role R : Roles)
      if (!llvm::is_contained(Result.Culprits, R))
        Result.Culprits.push_back(R);
  }
  RequirementResult Result;
};

void judgeMinAtLeast(uint64_t Bound, const RoleValues &Values, Judgement &J) {
  const ValueSet *Min = valuesOf(Values, Role::Min);
  if (!Min || Min->isUnknown())
    return J.unknown({Role::Min});
  if (!Min->isEmpty() && wide(Min->min()).ult(wide(Bound)))
    J.violated({Role::Min}, nullptr, wide(Min->max()).ult(wide(Bound)));
}

void judgeMaxAtMost(uint64_t Bound, const RoleValues &Values, Judgement &J) {
  const ValueSet *Max = valuesOf(Values, Role::Max);
  if (!Max || Max->isUnknown())
    return J.unknown({Role::Max});
  if (!Max->isEmpty() && wide(Max->max()).ugt(wide(Bound)))
    J.violated({Role::Max}, nullptr, wide(Max->min()).ugt(wide(Bound)));
}

void judgeNoOverlap(const NamedRange &Range, const RoleValues &Values, Judgement &J) {
  const ValueSet *Min = valuesOf(Values, Role::Min);
  const ValueSet *Max = valuesOf(Values, Role::Max);
  bool MinKnown = Min && !Min->isUnknown(), MaxKnown = Max && !Max->isUnknown();
  if ((MinKnown && Min->isEmpty()) || (MaxKnown && Max->isEmpty()))
    return;
  // The window can reach [lowest min, highest max]; an unknown end reaches as far as addresses go.
  APInt Lowest = MinKnown ? wide(Min->min()) : wide(0);
  APInt Highest = MaxKnown ? wide(Max->max()) : APInt::getMaxValue(CompareWidth);
  bool Reaches = Lowest.ule(wide(Range.End)) && Highest.uge(wide(Range.Start)) && Lowest.ule(Highest);
  if (!Reaches)
    return;
  if (MinKnown && MaxKnown) {
    // Every window reaches the range when even the highest start and the lowest end do.
    bool Every = wide(Min->max()).ule(wide(Range.End)) && wide(Max->min()).uge(wide(Range.Start)) &&
                 wide(Min->max()).ule(wide(Max->min()));
    return J.violated({Role::Min, Role::Max}, &Range, Every);
  }
  if (!MinKnown)
    J.unknown({Role::Min});
  if (!MaxKnown)
    J.unknown({Role::Max});
}

void judgeFbOverlapOk(bool Wanted, const RoleValues &Values, Judgement &J) {
  const ValueSet *Flag = valuesOf(Values, Role::FbOverlapOk);
  if (!Flag || Flag->isUnknown())
    return J.unknown({Role::FbOverlapOk});
  if (Flag->isEmpty())
    return;
  bool Breaks = Wanted ? Flag->contains(APInt(Flag->width(), 0)) : Flag->mayBeNonZero();
  if (Breaks)
    J.violated({Role::FbOverlapOk});
}

void judgeWindowFitsSize(const RoleValues &Values, Judgement &J) {
  const ValueSet *Min = valuesOf(Values, Role::Min), *Max = valuesOf(Values, Role::Max);
  const ValueSet *Size = valuesOf(Values, Role::Size), *Align = valuesOf(Values, Role::Align);
  bool Unknown = false;
  for (auto [R, V] : {std::pair{Role::Min, Min}, {Role::Max, Max}, {Role::Size, Size}, {Role::Align, Align}}) {
    if (R == Role::Align && !V)
      continue; // no alignment parameter: byte aligned
    if (!V || V->isUnknown()) {
      J.unknown({R});
      Unknown = true;
    }
  }
  if (Unknown || Min->isEmpty() || Max->isEmpty() || Size->isEmpty() || (Align && Align->isEmpty()))
    return;
  // The worst combination: the highest start, the strictest alignment, the largest size, the lowest end.
  APInt A = Align ? wide(Align->max()) : wide(1);
  if (A.isZero())
    A = wide(1);
  APInt Start = wide(Min->max());
  APInt Rem = Start.urem(A);
  if (!Rem.isZero())
    Start += A - Rem;
  APInt Last = Start + wide(Size->max()) - wide(1);
  if (wide(Size->max()).isZero() || Last.ugt(wide(Max->min())))
    J.violated({Role::Min, Role::Max, Role::Size, Role::Align});
}

} // namespace

RequirementResult judge(const Requirement &Req, const Ruleset &Rules, const RoleValues &Values, bool Correlated) {
  Judgement J;
  if (Req.MinAtLeast)
    judgeMinAtLeast(*Req.MinAtLeast, Values, J);
  if (Req.MaxAtMost)
    judgeMaxAtMost(*Req.MaxAtMost, Values, J);
  for (const std::string &Name : Req.NoOverlap)
    if (const NamedRange *Range = Rules.findRange(Name))
      judgeNoOverlap(*Range, Values, J);
  if (Req.FbOverlapOk)
    judgeFbOverlapOk(*Req.FbOverlapOk, Values, J);
  if (Req.WindowFitsSize)
    judgeWindowFitsSize(Values, J);
  bool Certain = J.certain();
  RequirementResult R = J.take();
  if (R.Outcome != Verdict::Violated || Certain)
    return R;
  unsigned Varying = 0;
  bool Reachable = true;
  for (Role C : R.Culprits) {
    const ValueSet *V = valuesOf(Values, C);
    if (!V)
      continue;
    Reachable &= V->hasExactEnds();
    Varying += !V->singleValue().has_value();
  }
  if (!Reachable || (!Correlated && Varying > 1))
    R.Outcome = Verdict::Unknown;
  return R;
}

} // namespace mmio
