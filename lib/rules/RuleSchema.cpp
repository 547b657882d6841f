// One version-1 rule: its keys, its `applies-to` clauses, its requirements and fix-it, and the `implied-by` links
// between rules, checked for cycles once every rule is read.
#include "rules/DictParser.h"
#include "rules/RulesetError.h"
#include "rules/SchemaContext.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace mmio {

namespace {

bool isRuleId(StringRef S) {
  return !S.empty() && all_of(S, [](char Ch) { return isDigit(Ch) || (Ch >= 'a' && Ch <= 'z') || Ch == '-'; });
}

/// Placeholders are checked here so a typo fails when the ruleset loads, not as a garbled warning at some call.
Error readMessage(SchemaContext &C, const Field &F, Rule &R) {
  Expected<std::string> Message = C.In.readNonEmptyString(F);
  if (!Message)
    return Message.takeError();
  Expected<MessageTemplate> Template = parseMessageTemplate(*Message);
  if (!Template)
    return C.In.errorAt(F.Value, toString(Template.takeError()));
  R.Message = std::move(*Message);
  R.Template = std::move(*Template);
  return Error::success();
}

/// Globs are compiled here, once, so a bad one fails when the ruleset loads.
Error readGlobs(SchemaContext &C, const Field &F, std::vector<CompiledGlob> &Out) {
  Expected<std::vector<Field>> Values = C.In.readStrings(F, "a string");
  if (!Values)
    return Values.takeError();
  for (const Field &V : *Values) {
    Expected<CompiledGlob> Glob = CompiledGlob::create(V.Value.Scalar());
    if (!Glob) {
      // LLVM's text starts "invalid glob pattern"; the message already says so, with the pattern and the key.
      std::string Reason = toString(Glob.takeError());
      StringRef Detail = StringRef(Reason).trim();
      if (Detail.consume_front("invalid glob pattern"))
        Detail = Detail.ltrim(",: ");
      return C.In.errorAt(V.Value, "invalid glob '" + V.Value.Scalar() + "' in '" + V.Name + "': " + Detail);
    }
    Out.push_back(std::move(*Glob));
  }
  return Error::success();
}

Error readStrings(SchemaContext &C, const Field &F, std::vector<std::string> &Out) {
  Expected<std::vector<Field>> Values = C.In.readStrings(F, "a string");
  if (!Values)
    return Values.takeError();
  for (const Field &V : *Values)
    Out.push_back(V.Value.Scalar());
  return Error::success();
}

Error readAllocatorNames(SchemaContext &C, const Field &F, std::vector<std::string> &Out) {
  Expected<std::vector<Field>> Values = C.In.readStrings(F, "a string");
  if (!Values)
    return Values.takeError();
  for (const Field &V : *Values) {
    const std::string &Name = V.Value.Scalar();
    // A misspelt allocator would make the clause match nothing, and the rule would pass silently.
    if (!C.AllocatorIndex.count(Name))
      return C.In.errorAt(V.Value, "unknown allocator '" + Name + "' in 'applies-to' (not listed in 'allocators')");
    Out.push_back(Name);
  }
  return Error::success();
}

Error readSizeValues(SchemaContext &C, const Field &F, std::vector<uint64_t> &Out) {
  Expected<std::vector<Field>> Values = C.In.readOneOrMany(F, "a number");
  if (!Values)
    return Values.takeError();
  for (const Field &V : *Values) {
    Expected<uint64_t> N = C.number(V);
    if (!N)
      return N.takeError();
    Out.push_back(*N);
  }
  return Error::success();
}

Expected<CallSelector> readClause(SchemaContext &C, const Field &Entry) {
  CallSelector S;
  DictParser Dict(C.In, "'applies-to' clause");
  Dict.inDocumentOrder()
      .optional("allocator", [&](const Field &F) { return readAllocatorNames(C, F, S.Allocators); })
      .optional("destination-field", [&](const Field &F) { return readStrings(C, F, S.DestinationFields); })
      .optional("size-macro", [&](const Field &F) { return readStrings(C, F, S.SizeMacros); })
      .optional("size-value", [&](const Field &F) { return readSizeValues(C, F, S.SizeValues); })
      .optional("function", [&](const Field &F) { return readGlobs(C, F, S.Functions); })
      .optional("file", [&](const Field &F) { return readGlobs(C, F, S.Files); })
      // An empty clause would match every call, which is what leaving out `applies-to` already says.
      .ifEmpty([&](const YAML::Node &Map) {
        return C.In.errorAt(Map, "empty clause in 'applies-to' (expected at least one of: " + Dict.keyList() + ")");
      });
  if (Error E = Dict.parse(Entry))
    return E;
  return S;
}

Error readAppliesTo(SchemaContext &C, const Field &F, Rule &R) {
  Expected<std::vector<Field>> Clauses = C.In.readSequence(F);
  if (!Clauses)
    return Clauses.takeError();
  // The model reads no clauses as "every call"; an empty list written out more likely means clauses went missing.
  if (Clauses->empty())
    return C.In.errorAt(F.valueNode(),
                        "'applies-to' has no clauses (leave it out to apply the rule to every allocator call)");
  for (const Field &Clause : *Clauses) {
    Expected<CallSelector> S = readClause(C, Clause);
    if (!S)
      return S.takeError();
    R.AppliesTo.push_back(std::move(*S));
  }
  return Error::success();
}

Error readNoOverlap(SchemaContext &C, const Field &F, std::vector<std::string> &Out) {
  Expected<std::vector<Field>> Names = C.In.readOneOrMany(F, "a range name");
  if (!Names)
    return Names.takeError();
  for (const Field &N : *Names) {
    Expected<std::string> Name = C.In.readString(N);
    if (!Name)
      return Name.takeError();
    if (!C.RangeIndex.count(*Name))
      return C.In.errorAt(N.Value, "undefined range '" + *Name + "'");
    Out.push_back(std::move(*Name));
  }
  return Error::success();
}

Error readRequire(SchemaContext &C, const Field &F, Requirement &Req) {
  DictParser Dict(C.In, "'require'");
  Dict.inDocumentOrder()
      .optional("min-at-least", C.numberInto(Req.MinAtLeast))
      .optional("max-at-most", C.numberInto(Req.MaxAtMost))
      .optional("no-overlap", [&](const Field &F) { return readNoOverlap(C, F, Req.NoOverlap); })
      .optional("fb-overlap-ok", C.boolInto(Req.FbOverlapOk))
      .optional("window-fits-size", C.boolInto(Req.WindowFitsSize))
      .ifEmpty([&](const YAML::Node &Map) {
        return C.In.errorAt(Map,
                            "'require' must state at least one requirement (expected one of: " + Dict.keyList() + ")");
      });
  return Dict.parse(F);
}

Error readFixIt(SchemaContext &C, const Field &F, Rule &R) {
  FixItSpec Fix;
  DictParser Dict(C.In, "'fixit'");
  Dict.required("role",
                [&](const Field &F) -> Error {
                  Expected<std::string> RoleText = C.In.readString(F);
                  if (!RoleText)
                    return RoleText.takeError();
                  std::string Roles = roleList(/*WithDestination=*/false);
                  std::optional<Role> Target = roleFromName(*RoleText);
                  if (!Target)
                    return C.In.errorAt(F.valueNode(),
                                        "unknown role '" + *RoleText + "' in 'fixit' (expected one of: " + Roles + ")");
                  // The destination is where the result is stored; no value there can make a request satisfy a
                  // rule.
                  if (*Target == Role::Destination)
                    return C.In.errorAt(F.valueNode(), "a fix-it cannot replace the 'destination' argument "
                                                       "(expected one of: " +
                                                           Roles + ")");
                  Fix.Target = *Target;
                  return Error::success();
                })
      .required("replacement", [&](const Field &F) -> Error {
        Expected<std::string> Replacement = C.In.readNonEmptyString(F);
        if (!Replacement)
          return Replacement.takeError();
        Fix.Replacement = std::move(*Replacement);
        return Error::success();
      });
  if (Error E = Dict.parse(F))
    return E;
  R.FixIt = std::move(Fix);
  return Error::success();
}

/// Ids named in `implied-by` are only collected here: they may refer to rules further down the file.
Error collectImpliedBy(SchemaContext &C, const Field &F, const Rule &R, std::vector<Field> &Out) {
  Expected<std::vector<Field>> Ids = C.In.readStrings(F, "a rule id");
  if (!Ids)
    return Ids.takeError();
  for (const Field &Id : *Ids)
    if (Id.Value.Scalar() == R.Id)
      return C.In.errorAt(Id.Value, "rule '" + R.Id + "' cannot be implied by itself");
  Out = std::move(*Ids);
  return Error::success();
}

Error readMitigatedBy(SchemaContext &C, const Field &F, Rule &R) {
  Expected<std::vector<Field>> Ids = C.In.readStrings(F, "a mitigation id");
  if (!Ids)
    return Ids.takeError();
  for (const Field &Id : *Ids) {
    if (!C.Result.findMitigation(Id.Value.Scalar()))
      return C.In.errorAt(Id.Value, "undefined mitigation '" + Id.Value.Scalar() + "' in 'mitigated-by'");
    R.MitigatedBy.push_back(Id.Value.Scalar());
  }
  return Error::success();
}

Error readRule(SchemaContext &C, const Field &Entry) {
  Rule R;
  R.Where = C.In.locationOf(Entry.Value);
  std::vector<Field> ImpliedBy;
  DictParser Dict(C.In, "rule");
  Dict.required("id",
                [&](const Field &F) -> Error {
                  Expected<std::string> Id = C.In.readString(F);
                  if (!Id)
                    return Id.takeError();
                  // Ids appear in diagnostics ("[rule-id]"), suppressions and baselines: one plain spelling.
                  if (!isRuleId(*Id))
                    return C.In.errorAt(F.valueNode(), "invalid rule id '" + *Id +
                                                           "' (expected lowercase letters, digits and dashes)");
                  R.Id = *Id;
                  auto [Slot, Inserted] = C.RuleIndex.try_emplace(R.Id, C.Result.Rules.size());
                  if (!Inserted)
                    return C.In.errorAt(F.Value, "duplicate rule id '" + R.Id + "' (first defined at " +
                                                     formatLocation(C.Result.Rules[Slot->second].Where) + ")");
                  return Error::success();
                })
      .optional("severity",
                [&](const Field &F) -> Error {
                  Expected<std::string> S = C.In.readKeyword(F, {"warning", "error"});
                  if (!S)
                    return S.takeError();
                  R.Level = *S == "error" ? Severity::Error : Severity::Warning;
                  return Error::success();
                })
      .required("message", [&](const Field &F) { return readMessage(C, F, R); })
      .optional("description", C.stringInto(R.Description))
      .optional("applies-to", [&](const Field &F) { return readAppliesTo(C, F, R); })
      .required("require", [&](const Field &F) { return readRequire(C, F, R.Require); })
      .optional("fixit", [&](const Field &F) { return readFixIt(C, F, R); })
      .optional("implied-by", [&](const Field &F) { return collectImpliedBy(C, F, R, ImpliedBy); })
      .optional("mitigated-by", [&](const Field &F) { return readMitigatedBy(C, F, R); })
      .optional("enabled", C.boolInto(R.OnByDefault))
      .optional("on-unknown", [&](const Field &F) -> Error {
        Expected<std::string> S = C.In.readKeyword(F, {"ignore", "report", "never"});
        if (!S)
          return S.takeError();
        R.OnUnknown = *S == "report"  ? UnknownPolicy::Report
                      : *S == "never" ? UnknownPolicy::Never
                                      : UnknownPolicy::Ignore;
        return Error::success();
      });
  if (Error E = Dict.parse(Entry))
    return E;
  C.Result.Rules.push_back(std::move(R));
  C.ImpliedBy.push_back(std::move(ImpliedBy));
  return Error::success();
}

/// A cycle (a implied by b, b implied by a) would let the rules silence each other at a call where both fire, so
/// nothing is reported at all. Finds one by peeling off rules that are implied by nothing still in play; whatever is
/// left lies on or leads into a cycle. Iterative, so a long chain of rules cannot overflow the stack.
Error checkImpliedByCycles(const SchemaContext &C, const std::vector<std::vector<size_t>> &Edges) {
  size_t N = Edges.size();
  std::vector<size_t> Pending(N);
  std::vector<std::vector<size_t>> ImpliedTo(N); // reverse edges
  std::vector<size_t> Ready;
  for (size_t I = 0; I != N; ++I) {
    Pending[I] = Edges[I].size();
    for (size_t J : Edges[I])
      ImpliedTo[J].push_back(I);
    if (Pending[I] == 0)
      Ready.push_back(I);
  }
  std::vector<bool> Done(N, false);
  while (!Ready.empty()) {
    size_t J = Ready.back();
    Ready.pop_back();
    Done[J] = true;
    for (size_t I : ImpliedTo[J])
      if (--Pending[I] == 0)
        Ready.push_back(I);
  }
  auto FirstLeft = find(Done, false);
  if (FirstLeft == Done.end())
    return Error::success();

  // Every rule left has an edge to another rule left; walk such edges until one repeats.
  auto NextLeft = [&](size_t I) { return *find_if(Edges[I], [&](size_t J) { return !Done[J]; }); };
  std::vector<size_t> Position(N, N);
  std::vector<size_t> Walk;
  for (size_t I = FirstLeft - Done.begin(); Position[I] == N; I = NextLeft(I)) {
    Position[I] = Walk.size();
    Walk.push_back(I);
  }
  size_t Start = Position[NextLeft(Walk.back())];
  std::string Chain = "'" + C.Result.Rules[Walk[Start]].Id + "'";
  for (size_t K = Start + 1; K <= Walk.size(); ++K)
    Chain += (K == Start + 1 ? " is implied by '" : ", which is implied by '") +
             C.Result.Rules[Walk[K == Walk.size() ? Start : K]].Id + "'";

  // Point at the entry that starts the cycle, in the rule the chain begins with.
  size_t From = Walk[Start], To = Walk[Start + 1 == Walk.size() ? Start : Start + 1];
  for (const Field &Entry : C.ImpliedBy[From])
    if (C.RuleIndex.lookup(Entry.Value.Scalar()) == To)
      return C.In.errorAt(Entry.Value, "'implied-by' forms a cycle: " + Chain);
  return makeRulesetError(C.Result.Rules[From].Where, "'implied-by' forms a cycle: " + Chain);
}

Error resolveImpliedBy(SchemaContext &C) {
  std::vector<std::vector<size_t>> Edges(C.Result.Rules.size());
  for (size_t I = 0; I != C.Result.Rules.size(); ++I) {
    for (const Field &Entry : C.ImpliedBy[I]) {
      const std::string &Id = Entry.Value.Scalar();
      auto It = C.RuleIndex.find(Id);
      if (It == C.RuleIndex.end())
        return C.In.errorAt(Entry.Value, "undefined rule '" + Id + "' in 'implied-by'");
      C.Result.Rules[I].ImpliedBy.push_back(Id);
      Edges[I].push_back(It->second);
    }
  }
  return checkImpliedByCycles(C, Edges);
}

} // namespace

Error readRules(SchemaContext &C, const Field &F) {
  Expected<std::vector<Field>> Entries = C.In.readSequence(F);
  if (!Entries)
    return Entries.takeError();
  if (Entries->empty())
    return C.In.errorAt(F.valueNode(), "'rules' must list at least one rule");
  for (const Field &Entry : *Entries)
    if (Error E = readRule(C, Entry))
      return E;
  return resolveImpliedBy(C);
}

} // namespace mmio
