// The top of a version-1 ruleset and the parts rules refer to: constants, ranges and allocators. Rules themselves
// are read in RuleSchema.cpp.
#include "rules/RulesetSchema.h"
#include "rules/DictParser.h"
#include "rules/RulesetError.h"
#include "rules/SchemaContext.h"

#include "llvm/ADT/StringExtras.h"

#include <array>
#include <limits>

using namespace llvm;

namespace mmio {

namespace {

/// An index past this is a typo, not the signature of a real allocator.
constexpr unsigned MaxParamIndex = 63;

/// Read before anything else: a newer ruleset is best told apart by its version, not by the first key it adds.
Error readVersion(SchemaContext &C, const Field &F) {
  if (!F.Value.IsScalar())
    return C.In.typeError(F, "an integer");
  StringRef Text = StringRef(F.Value.Scalar()).trim();
  uint64_t Value = 0;
  bool LeadingZeroOctal = false;
  StringRef Magnitude = Text.starts_with("-") ? Text.drop_front() : Text;
  if (Magnitude.empty() || !isDigit(Magnitude.front()) ||
      parseLiteral(Magnitude, Value, LeadingZeroOctal) == LiteralStatus::Malformed)
    return C.In.typeError(F, "an integer");
  if (Text.starts_with("-") || Value != 1)
    return C.In.errorAt(F.Value, "unsupported ruleset version " + Text + " (this mmio-audit reads version 1)");
  C.Result.Version = 1;
  return Error::success();
}

/// Keys are constant names, not schema keys, so this is no DictParser table.
Error readConstants(SchemaContext &C, const Field &F) {
  if (Error E = C.In.expectMapping(F))
    return E;
  Expected<Fields> Entries = C.In.collectFields(F.Value, "'constants'");
  if (!Entries)
    return Entries.takeError();
  for (const Field &Entry : Entries->entries()) {
    if (!isCIdentifier(Entry.Name))
      return C.In.errorAt(Entry.Key, "invalid constant name '" + Entry.Name + "' (expected a C identifier)");
    // Defined only after its own value is read, so a constant can use those above it but never itself.
    Expected<uint64_t> Value = C.number(Entry);
    if (!Value)
      return Value.takeError();
    C.Result.Constants[Entry.Name] = *Value;
  }
  return Error::success();
}

/// `end` is inclusive; `size` says the same from the other side. Exactly one of them is given.
Error readRangeEnd(SchemaContext &C, const Field &Entry, const Field *End, const Field *Size, NamedRange &R) {
  if (End && Size)
    return C.In.errorAt(Size->Key, "range '" + R.Name + "' has both 'end' and 'size' (give one)");
  if (!End && !Size)
    return C.In.errorAt(Entry.Value, "range '" + R.Name + "' needs 'end' or 'size'");
  if (End) {
    Expected<uint64_t> Last = C.number(*End);
    if (!Last)
      return Last.takeError();
    if (*Last < R.Start)
      return C.In.errorAt(End->Value, "range '" + R.Name + "' ends before it starts (start " + hex(R.Start) + ", end " +
                                          hex(*Last) + ")");
    R.End = *Last;
    return Error::success();
  }
  Expected<uint64_t> Bytes = C.number(*Size);
  if (!Bytes)
    return Bytes.takeError();
  if (*Bytes == 0)
    return C.In.errorAt(Size->Value, "'size' of range '" + R.Name + "' must be greater than 0");
  // The last byte is start + size - 1, which must itself be an address.
  if (*Bytes - 1 > std::numeric_limits<uint64_t>::max() - R.Start)
    return C.In.errorAt(Size->Value, "range '" + R.Name + "' does not fit in 64 bits (start " + hex(R.Start) +
                                         ", size " + hex(*Bytes) + ")");
  R.End = R.Start + (*Bytes - 1);
  return Error::success();
}

Error readRange(SchemaContext &C, const Field &Entry) {
  NamedRange R;
  R.Where = C.In.locationOf(Entry.Value);
  DictParser Dict(C.In, "range");
  auto ReadBelow = [](const Field &) { return Error::success(); };
  Dict.required("name",
                [&](const Field &F) -> Error {
                  if (Error E = C.In.readNonEmptyString(F).moveInto(R.Name))
                    return E;
                  auto [Slot, Inserted] = C.RangeIndex.try_emplace(R.Name, C.Result.Ranges.size());
                  if (!Inserted)
                    return C.In.errorAt(F.Value, "duplicate range '" + R.Name + "' (first defined at " +
                                                     formatLocation(C.Result.Ranges[Slot->second].Where) + ")");
                  return Error::success();
                })
      .required("start", C.numberInto(R.Start))
      // `end` and `size` are read together, by the step after them: each needs to know whether the other is there.
      .optional("end", ReadBelow)
      .optional("size", ReadBelow)
      .then([&] { return readRangeEnd(C, Entry, Dict.get("end"), Dict.get("size"), R); })
      .optional("description", C.stringInto(R.Description));
  if (Error E = Dict.parse(Entry))
    return E;
  C.Result.Ranges.push_back(std::move(R));
  return Error::success();
}

Error readRanges(SchemaContext &C, const Field &F) {
  Expected<std::vector<Field>> Entries = C.In.readSequence(F);
  if (!Entries)
    return Entries.takeError();
  for (const Field &Entry : *Entries)
    if (Error E = readRange(C, Entry))
      return E;
  return Error::success();
}

/// Keys are role names, each checked as it comes (the message lists roles), so this is no DictParser table.
Error readParams(SchemaContext &C, const Field &F, AllocatorSpec &A) {
  if (Error E = C.In.expectMapping(F))
    return E;
  Expected<Fields> Entries = C.In.collectFields(F.Value, "'params'");
  if (!Entries)
    return Entries.takeError();
  std::array<std::optional<Role>, MaxParamIndex + 1> RoleAt;
  for (const Field &Entry : Entries->entries()) {
    std::optional<Role> R = roleFromName(Entry.Name);
    if (!R)
      return C.In.errorAt(Entry.Key, "unknown role '" + Entry.Name +
                                         "' in 'params' (expected one of: " + roleList(/*WithDestination=*/true) + ")");
    Expected<uint64_t> Index = C.number(Entry);
    if (!Index)
      return Index.takeError();
    if (*Index > MaxParamIndex)
      return C.In.errorAt(Entry.Value,
                          "parameter index " + Twine(*Index) + " out of range (0-" + Twine(MaxParamIndex) + ")");
    // One argument cannot be both the lowest and the highest address, say; this is a typo in the index.
    if (std::optional<Role> Other = RoleAt[*Index])
      return C.In.errorAt(Entry.Value, "parameter index " + Twine(*Index) + " is given to both '" + roleName(*Other) +
                                           "' and '" + Entry.Name + "'");
    RoleAt[*Index] = R;
    A.Params[*R] = static_cast<unsigned>(*Index);
    A.ParamWhere[*R] = C.In.locationOf(Entry.Value);
  }
  // Every requirement is about the window [min, max]; an allocator without one cannot be audited.
  for (Role R : {Role::Min, Role::Max})
    if (!A.paramFor(R))
      return C.In.errorAt(F.Value, "missing required key '" + roleName(R) + "' in 'params'");
  return Error::success();
}

Error readAllocator(SchemaContext &C, const Field &Entry) {
  AllocatorSpec A;
  A.Where = C.In.locationOf(Entry.Value);
  DictParser Dict(C.In, "allocator");
  Dict.required("name",
                [&](const Field &F) -> Error {
                  Expected<std::string> Name = C.In.readString(F);
                  if (!Name)
                    return Name.takeError();
                  if (!isCIdentifier(*Name))
                    return C.In.errorAt(F.valueNode(),
                                        "invalid allocator name '" + *Name + "' (expected a C identifier)");
                  A.Name = *Name;
                  auto [Slot, Inserted] = C.AllocatorIndex.try_emplace(A.Name, C.Result.Allocators.size());
                  if (!Inserted)
                    return C.In.errorAt(F.Value, "duplicate allocator '" + A.Name + "' (first defined at " +
                                                     formatLocation(C.Result.Allocators[Slot->second].Where) + ")");
                  return Error::success();
                })
      .required("params", [&](const Field &F) { return readParams(C, F, A); })
      // The model keeps no allocator description; it is documentation for whoever reads the YAML, but still a
      // string.
      .optional("description", [&](const Field &F) -> Error {
        if (Expected<std::string> Text = C.In.readString(F); !Text)
          return Text.takeError();
        return Error::success();
      });
  if (Error E = Dict.parse(Entry))
    return E;
  C.Result.Allocators.push_back(std::move(A));
  return Error::success();
}

Error readAllocators(SchemaContext &C, const Field &F) {
  Expected<std::vector<Field>> Entries = C.In.readSequence(F);
  if (!Entries)
    return Entries.takeError();
  // Without an allocator there are no calls to audit: an empty list is a mistake, not a quiet ruleset.
  if (Entries->empty())
    return C.In.errorAt(F.valueNode(), "'allocators' must list at least one allocator");
  for (const Field &Entry : *Entries)
    if (Error E = readAllocator(C, Entry))
      return E;
  return Error::success();
}

} // namespace

std::string roleList(bool WithDestination) {
  std::string Out;
  for (unsigned I = 0; I != NumRoles; ++I) {
    Role R = static_cast<Role>(I);
    if (R == Role::Destination && !WithDestination)
      continue;
    Out += (Out.empty() ? "" : ", ") + roleName(R).str();
  }
  return Out;
}

Expected<Ruleset> readRuleset(FieldReader &In, const YAML::Node &Top) {
  SchemaContext C(In);
  C.Result.Source = In.file();
  // Read in this order, whatever the file's: constants before the numbers that use them; ranges, allocators and
  // mitigations before the rules that name them.
  DictParser Dict(In, "ruleset");
  Dict.first("version", [&](const Field &F) { return readVersion(C, F); })
      .optional("constants", [&](const Field &F) { return readConstants(C, F); })
      .optional("ranges", [&](const Field &F) { return readRanges(C, F); })
      .required("allocators", [&](const Field &F) { return readAllocators(C, F); })
      .optional("mitigations", [&](const Field &F) { return readMitigations(C, F); })
      .required("rules", [&](const Field &F) { return readRules(C, F); });
  if (Error E = Dict.parseMapping(Top))
    return E;
  return std::move(C.Result);
}

} // namespace mmio
