// The `mitigations:` sequence: known fixes that live outside the calls the rules check, each with the code that
// recognises it in a tree. Read before the rules, which name them in `mitigated-by`.
#include "rules/DictParser.h"
#include "rules/RulesetError.h"
#include "rules/SchemaContext.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace mmio {

namespace {

bool isMitigationId(StringRef S) {
  return !S.empty() && all_of(S, [](char Ch) { return isLower(Ch) || isDigit(Ch) || Ch == '-'; });
}

/// A file of the tree, named from its root: a path that climbs out of it or starts at `/` would read some other
/// file than the tree's.
bool isTreeRelative(StringRef Path) {
  if (Path.empty() || sys::path::is_absolute(Path))
    return false;
  for (StringRef Part : make_range(sys::path::begin(Path), sys::path::end(Path)))
    if (Part == "..")
      return false;
  return true;
}

Error readCode(SchemaContext &C, const Field &F, MitigationSpec &M) {
  Expected<std::vector<Field>> Patterns = C.In.readStrings(F, "a code pattern");
  if (!Patterns)
    return Patterns.takeError();
  // A fix is a few statements; thousands of patterns are a mistake, or a file built to make the search explode.
  constexpr size_t MaxPatterns = 64;
  if (Patterns->size() > MaxPatterns)
    return C.In.errorAt(F.valueNode(),
                        "'code' has " + Twine(Patterns->size()) + " patterns (at most " + Twine(MaxPatterns) + ")");
  for (const Field &P : *Patterns) {
    Expected<CodePattern> Compiled = compileCodePattern(P.Value.Scalar());
    if (!Compiled)
      return C.In.errorAt(P.Value, toString(Compiled.takeError()));
    M.Code.push_back(std::move(*Compiled));
  }
  return Error::success();
}

Error readMitigation(SchemaContext &C, const Field &Entry) {
  MitigationSpec M;
  M.Where = C.In.locationOf(Entry.Value);
  DictParser Dict(C.In, "mitigation");
  Dict.required("id",
                [&](const Field &F) -> Error {
                  if (Error E = C.In.readString(F).moveInto(M.Id))
                    return E;
                  if (!isMitigationId(M.Id))
                    return C.In.errorAt(F.valueNode(), "invalid mitigation id '" + M.Id +
                                                           "' (expected lowercase letters, digits and dashes)");
                  if (const MitigationSpec *Other = C.Result.findMitigation(M.Id))
                    return C.In.errorAt(F.Value, "duplicate mitigation '" + M.Id + "' (first defined at " +
                                                     formatLocation(Other->Where) + ")");
                  return Error::success();
                })
      .required("commit",
                [&](const Field &F) -> Error {
                  if (Error E = C.In.readString(F).moveInto(M.Commit))
                    return E;
                  if (M.Commit.size() < 7 || M.Commit.size() > 40 || !all_of(M.Commit, isHexDigit))
                    return C.In.errorAt(F.valueNode(),
                                        "invalid commit '" + M.Commit + "' (expected 7 to 40 hexadecimal digits)");
                  return Error::success();
                })
      .required("subject", [&](const Field &F) { return C.In.readNonEmptyString(F).moveInto(M.Subject); })
      .optional("why", C.stringInto(M.Why))
      .required("file",
                [&](const Field &F) -> Error {
                  if (Error E = C.In.readNonEmptyString(F).moveInto(M.File))
                    return E;
                  if (!isTreeRelative(M.File))
                    return C.In.errorAt(F.valueNode(), "'file' must be a path inside the tree, relative to its root "
                                                       "(no leading '/', no '..'): '" +
                                                           M.File + "'");
                  return Error::success();
                })
      .required("function",
                [&](const Field &F) -> Error {
                  if (Error E = C.In.readString(F).moveInto(M.Function))
                    return E;
                  if (!isCIdentifier(M.Function))
                    return C.In.errorAt(F.valueNode(),
                                        "invalid function name '" + M.Function + "' (expected a C identifier)");
                  return Error::success();
                })
      .required("code", [&](const Field &F) { return readCode(C, F, M); });
  if (Error E = Dict.parse(Entry))
    return E;
  C.Result.Mitigations.push_back(std::move(M));
  return Error::success();
}

} // namespace

Error readMitigations(SchemaContext &C, const Field &F) {
  Expected<std::vector<Field>> Entries = C.In.readSequence(F);
  if (!Entries)
    return Entries.takeError();
  for (const Field &Entry : *Entries)
    if (Error E = readMitigation(C, Entry))
      return E;
  return Error::success();
}

} // namespace mmio
