#include "SummaryJson.h"

#include "llvm/ADT/StringExtras.h"

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace mmio {

namespace {

constexpr unsigned MaxWidth = 128;
constexpr size_t MaxTrail = 64;

std::string hex(const llvm::APInt &V) { return llvm::toString(V, 16, /*Signed=*/false); }

std::optional<llvm::APInt> fromHex(std::optional<llvm::StringRef> Text, unsigned Width) {
  llvm::APInt V;
  if (!Text || Text->empty() || Text->size() > MaxWidth / 4 || Text->getAsInteger(16, V))
    return std::nullopt;
  if (V.getActiveBits() > Width)
    return std::nullopt;
  return V.zextOrTrunc(Width);
}

std::optional<unsigned> smallInt(const Object &O, llvm::StringRef Key, unsigned Limit) {
  std::optional<int64_t> V = O.getInteger(Key);
  if (!V || *V < 0 || *V > Limit)
    return std::nullopt;
  return static_cast<unsigned>(*V);
}

Value valuesToJSON(const ValueSet &V) {
  Object O{{"width", V.width()}};
  if (V.isUnknown()) {
    O["unknown"] = true;
    return O;
  }
  Array Parts;
  for (const Interval &I : V.intervals())
    Parts.push_back(Array{hex(I.Lo), hex(I.Hi)});
  O["intervals"] = std::move(Parts);
  O["exact"] = V.hasExactEnds();
  return O;
}

std::optional<ValueSet> valuesFromJSON(const Value *V) {
  const Object *O = V ? V->getAsObject() : nullptr;
  std::optional<unsigned> Width = O ? smallInt(*O, "width", MaxWidth) : std::nullopt;
  if (!Width || *Width == 0)
    return std::nullopt;
  if (O->getBoolean("unknown").value_or(false))
    return ValueSet::unknown(*Width);
  const Array *Parts = O->getArray("intervals");
  if (!Parts || Parts->size() > ValueSet::MaxIntervals)
    return std::nullopt;
  ValueSet Out = ValueSet::empty(*Width);
  for (const Value &P : *Parts) {
    const Array *A = P.getAsArray();
    if (!A || A->size() != 2)
      return std::nullopt;
    std::optional<llvm::APInt> Lo = fromHex((*A)[0].getAsString(), *Width), Hi = fromHex((*A)[1].getAsString(), *Width);
    if (!Lo || !Hi || Lo->ugt(*Hi))
      return std::nullopt;
    Out = Out.join(ValueSet::range(*Lo, *Hi));
  }
  if (!O->getBoolean("exact").value_or(false))
    Out.dropExactEnds();
  return Out;
}

Value stepsToJSON(const std::vector<TrailStep> &Steps) {
  Array A;
  for (const TrailStep &S : Steps)
    A.push_back(Object{{"text", S.Text}, {"file", S.Where.File}, {"line", S.Where.Line}, {"column", S.Where.Column}});
  return A;
}

std::optional<std::vector<TrailStep>> stepsFromJSON(const Value *V) {
  const Array *A = V ? V->getAsArray() : nullptr;
  if (!A || A->size() > MaxTrail)
    return std::nullopt;
  std::vector<TrailStep> Out;
  for (const Value &E : *A) {
    const Object *O = E.getAsObject();
    std::optional<llvm::StringRef> Text = O ? O->getString("text") : std::nullopt;
    std::optional<llvm::StringRef> File = O ? O->getString("file") : std::nullopt;
    std::optional<unsigned> Line = O ? smallInt(*O, "line", ~0u >> 1) : std::nullopt;
    std::optional<unsigned> Column = O ? smallInt(*O, "column", ~0u >> 1) : std::nullopt;
    if (!Text || !File || !Line || !Column)
      return std::nullopt;
    TrailStep S;
    S.Text = Text->str();
    S.Where = {File->str(), *Line, *Column};
    Out.push_back(std::move(S));
  }
  return Out;
}

Value roleToJSON(const SummaryRole &R) {
  if (R.Param) {
    Array Steps;
    for (const ForwardStep &S : R.Steps)
      Steps.push_back(Object{{"width", S.Width}, {"signed", S.FromSigned}, {"bool", S.ToBool}, {"add", hex(S.Add)}});
    return Object{{"param", *R.Param}, {"steps", std::move(Steps)}};
  }
  return Object{{"fixed", R.Fixed ? valuesToJSON(*R.Fixed) : valuesToJSON(ValueSet::unknown(64))},
                {"trail", stepsToJSON(R.Trail)}};
}

std::optional<SummaryRole> roleFromJSON(const Object &O, unsigned NumParams) {
  SummaryRole R;
  R.Present = true;
  if (O.get("param")) {
    std::optional<unsigned> Param = smallInt(O, "param", NumParams ? NumParams - 1 : 0);
    const Array *Steps = O.getArray("steps");
    if (!Param || *Param >= NumParams || !Steps || Steps->size() > MaxForwardSteps)
      return std::nullopt;
    R.Param = *Param;
    for (const Value &V : *Steps) {
      const Object *S = V.getAsObject();
      std::optional<unsigned> Width = S ? smallInt(*S, "width", MaxWidth) : std::nullopt;
      if (!Width || *Width == 0)
        return std::nullopt;
      std::optional<llvm::APInt> Add = fromHex(S->getString("add"), *Width);
      std::optional<bool> Signed = S->getBoolean("signed"), ToBool = S->getBoolean("bool");
      if (!Add || !Signed || !ToBool)
        return std::nullopt;
      R.Steps.push_back({*Width, *Signed, *ToBool, *Add});
    }
    return R;
  }
  std::optional<ValueSet> Fixed = valuesFromJSON(O.get("fixed"));
  std::optional<std::vector<TrailStep>> Trail = stepsFromJSON(O.get("trail"));
  if (!Fixed || !Trail)
    return std::nullopt;
  R.Fixed = std::move(*Fixed);
  R.Trail = std::move(*Trail);
  return R;
}

} // namespace

Value summaryToJSON(const DerivedAllocator &D) {
  Object Params;
  for (const auto &[R, Index] : D.Spec.Params)
    Params[roleName(R)] = Index;
  Array Scenarios;
  for (const SummaryScenario &S : D.Scenarios) {
    Object Roles;
    for (unsigned K = 0; K < NumRoles; ++K)
      if (S.Roles[K].Present)
        Roles[roleName(static_cast<Role>(K))] = roleToJSON(S.Roles[K]);
    Scenarios.push_back(Object{{"correlated", S.Correlated}, {"roles", std::move(Roles)}});
  }
  Array Macros;
  for (const std::string &M : D.Origin.SizeMacros)
    Macros.push_back(M);
  return Object{
      {"name", D.name()},
      {"arity", D.NumParams},
      {"depth", D.Depth},
      {"params", std::move(Params)},
      {"where", Object{{"file", D.Spec.Where.File}, {"line", D.Spec.Where.Line}, {"column", D.Spec.Where.Column}}},
      {"origin", Object{{"allocator", D.Origin.Allocator},
                        {"function", D.Origin.Function},
                        {"file", D.Origin.File},
                        {"destination", D.Origin.DestinationField},
                        {"sizeMacros", std::move(Macros)}}},
      {"passedOn", stepsToJSON(D.PassedOn)},
      {"scenarios", std::move(Scenarios)}};
}

std::optional<DerivedAllocator> summaryFromJSON(const Value &V) {
  const Object *O = V.getAsObject();
  if (!O)
    return std::nullopt;
  DerivedAllocator D;
  std::optional<llvm::StringRef> Name = O->getString("name");
  std::optional<unsigned> Arity = smallInt(*O, "arity", 4096);
  std::optional<unsigned> Depth = smallInt(*O, "depth", Evaluator::MaxCallDepth);
  const Object *Params = O->getObject("params"), *Origin = O->getObject("origin"), *Where = O->getObject("where");
  const Array *Scenarios = O->getArray("scenarios");
  if (!Name || Name->empty() || !Arity || !Depth || *Depth == 0 || !Params || !Origin || !Where || !Scenarios ||
      Scenarios->empty() || Scenarios->size() > MaxSummaryScenarios)
    return std::nullopt;
  D.Spec.Name = Name->str();
  D.NumParams = *Arity;
  D.Depth = *Depth;
  for (const auto &[Key, Index] : *Params) {
    std::optional<Role> R = roleFromName(Key);
    std::optional<int64_t> I = Index.getAsInteger();
    if (!R || *R == Role::Destination || !I || *I < 0 || *I >= *Arity)
      return std::nullopt;
    D.Spec.Params[*R] = static_cast<unsigned>(*I);
  }
  if (D.Spec.Params.empty())
    return std::nullopt;
  std::optional<llvm::StringRef> WFile = Where->getString("file");
  std::optional<unsigned> WLine = smallInt(*Where, "line", ~0u >> 1), WColumn = smallInt(*Where, "column", ~0u >> 1);
  if (!WFile || !WLine || !WColumn)
    return std::nullopt;
  D.Spec.Where = {WFile->str(), *WLine, *WColumn};
  std::optional<llvm::StringRef> Allocator = Origin->getString("allocator"), Function = Origin->getString("function"),
                                 File = Origin->getString("file"), Destination = Origin->getString("destination");
  const Array *Macros = Origin->getArray("sizeMacros");
  if (!Allocator || !Function || !File || !Destination || !Macros || Macros->size() > 64)
    return std::nullopt;
  D.Origin = {Allocator->str(), Function->str(), File->str(), Destination->str(), {}};
  for (const Value &M : *Macros) {
    std::optional<llvm::StringRef> S = M.getAsString();
    if (!S)
      return std::nullopt;
    D.Origin.SizeMacros.push_back(S->str());
  }
  std::optional<std::vector<TrailStep>> PassedOn = stepsFromJSON(O->get("passedOn"));
  if (!PassedOn || PassedOn->empty())
    return std::nullopt;
  D.PassedOn = std::move(*PassedOn);
  for (const Value &SV : *Scenarios) {
    const Object *S = SV.getAsObject();
    const Object *Roles = S ? S->getObject("roles") : nullptr;
    std::optional<bool> Correlated = S ? S->getBoolean("correlated") : std::nullopt;
    if (!Roles || !Correlated)
      return std::nullopt;
    SummaryScenario Out;
    Out.Correlated = *Correlated;
    for (const auto &[Key, RV] : *Roles) {
      std::optional<Role> R = roleFromName(Key);
      const Object *RO = RV.getAsObject();
      std::optional<SummaryRole> Got =
          R && *R != Role::Destination && RO ? roleFromJSON(*RO, D.NumParams) : std::nullopt;
      if (!Got)
        return std::nullopt;
      // A role is forwarded on every path or on none, from the parameter the spec names.
      std::optional<unsigned> Spec = D.Spec.paramFor(*R);
      if (Got->Param != Spec)
        return std::nullopt;
      Out.Roles[static_cast<unsigned>(*R)] = std::move(*Got);
    }
    for (const auto &[R, Index] : D.Spec.Params)
      if (!Out.Roles[static_cast<unsigned>(R)].Present)
        return std::nullopt;
    D.Scenarios.push_back(std::move(Out));
  }
  return D;
}

} // namespace mmio
