#include "report/JsonReport.h"

#include "input/BoundedJson.h"

#include "llvm/Support/FormatVariadic.h"

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace mmio {

namespace {

Value fileValue(const std::string &File, llvm::StringRef Root) {
  if (File.empty())
    return nullptr;
  return relativeToRoot(File, Root);
}

Value boundsValue(const std::optional<RoleBounds> &B) {
  if (B->Unknown)
    return "unknown";
  Array Intervals;
  for (const auto &[Lo, Hi] : B->Intervals)
    Intervals.push_back(Array{Lo, Hi});
  return Intervals;
}

Value locationValue(const FileLocation &L, llvm::StringRef Root, Object Extra = {}) {
  Extra["file"] = fileValue(L.File, Root);
  Extra["line"] = L.valid() ? Value(L.Line) : Value(nullptr);
  Extra["column"] = L.valid() ? Value(L.Column) : Value(nullptr);
  return Extra;
}

Value findingValue(const ReportFinding &F, llvm::StringRef Root, bool DiffMode) {
  Object O;
  O["rule"] = F.RuleId;
  O["severity"] = severityName(F.Level);
  O["verdict"] = verdictName(F.Outcome);
  O["file"] = fileValue(F.Begin.File, Root);
  O["line"] = F.Begin.Line;
  O["column"] = F.Begin.Column;
  O["endLine"] = F.End.valid() ? Value(F.End.Line) : Value(nullptr);
  O["endColumn"] = F.End.valid() ? Value(F.End.Column) : Value(nullptr);
  O["function"] = F.Function;
  O["callee"] = F.Callee;
  O["call"] = F.CallText;
  O["message"] = F.Message;
  Object Bounds;
  for (unsigned I = 0; I < NumRoles; ++I)
    if (F.Bounds[I])
      Bounds[roleName(static_cast<Role>(I))] = boundsValue(F.Bounds[I]);
  O["bounds"] = std::move(Bounds);
  O["fingerprint"] = F.Fingerprint;
  Array Notes;
  for (const ReportNote &N : F.Notes)
    Notes.push_back(locationValue(N.Where, Root, Object{{"message", N.Message}}));
  O["notes"] = std::move(Notes);
  if (F.Fix) {
    const ReportFix &X = *F.Fix;
    O["fix"] = Object{{"file", fileValue(X.Begin.File, Root)},
                      {"offset", X.Offset},
                      {"length", X.Length},
                      {"line", X.Begin.Line},
                      {"column", X.Begin.Column},
                      {"endLine", X.End.Line},
                      {"endColumn", X.End.Column},
                      {"original", X.Original},
                      {"replacement", X.Replacement}};
  } else {
    O["fix"] = nullptr;
  }
  O["suppressed"] = F.Suppressed ? locationValue(F.Suppressed->Where, Root, Object{{"reason", F.Suppressed->Reason}})
                                 : Value(nullptr);
  O["mitigated"] = F.Mitigated ? locationValue(F.Mitigated->Where, Root,
                                               Object{{"id", F.Mitigated->Id},
                                                      {"commit", F.Mitigated->Commit},
                                                      {"subject", F.Mitigated->Subject},
                                                      {"function", F.Mitigated->Function}})
                               : Value(nullptr);
  O["change"] = DiffMode ? Value(changeName(F.Diff)) : Value(nullptr);
  O["translationUnit"] = fileValue(F.TranslationUnit, Root);
  return O;
}

Value callValue(const ReportCall &C, llvm::StringRef Root) {
  Object Bounds;
  for (unsigned I = 0; I < NumRoles; ++I)
    if (C.Bounds[I])
      Bounds[roleName(static_cast<Role>(I))] = boundsValue(C.Bounds[I]);
  Object Verdicts;
  for (const CallVerdict &V : C.Verdicts)
    Verdicts[V.RuleId] = Object{{"verdict", verdictName(V.Outcome)},
                                {"mitigatedBy", V.MitigatedBy.empty() ? Value(nullptr) : Value(V.MitigatedBy)}};
  return locationValue(C.Begin, Root,
                       Object{{"function", C.Function},
                              {"callee", C.Callee},
                              {"bounds", std::move(Bounds)},
                              {"verdicts", std::move(Verdicts)},
                              {"translationUnit", fileValue(C.TranslationUnit, Root)}});
}

Value summaryValue(const Summary &S) {
  return Object{{"findings", S.Findings},         {"errors", S.Errors},
                {"warnings", S.Warnings},         {"suppressed", S.Suppressed},
                {"mitigated", S.Mitigated},       {"new", S.New},
                {"unchanged", S.Unchanged},       {"fixed", S.Fixed},
                {"baselined", S.Baselined},       {"translationUnits", S.TranslationUnits},
                {"withFindings", S.WithFindings}, {"analysed", S.Analysed},
                {"skipped", S.Skipped},           {"failed", S.Failed}};
}

} // namespace

namespace {

/// The report but its findings, which are many: toJSON puts them in, writeJSONReport streams them.
Object reportWithoutFindings(const Report &R) {
  Object Root;
  Root["version"] = JsonReportVersion;
  Root["tool"] = Object{{"name", R.ToolName}, {"version", R.ToolVersion}};
  Root["ruleset"] = R.RulesetSource;
  Root["sourceRoot"] = R.SourceRoot;
  Root["diffBase"] = R.DiffMode ? Value(R.DiffBase) : Value(nullptr);
  Array Rules;
  for (const RuleInfo &Rl : R.Rules)
    Rules.push_back(Object{{"id", Rl.Id},
                           {"severity", severityName(Rl.Level)},
                           {"message", Rl.Message},
                           {"description", Rl.Description},
                           {"enabled", Rl.OnByDefault}});
  Root["rules"] = std::move(Rules);
  Array Units;
  for (const TUInfo &T : R.TranslationUnits) {
    Object U{{"file", fileValue(T.File, R.SourceRoot)}, {"directory", T.Directory}, {"status", tuStatusName(T.Status)}};
    U["reason"] = T.Reason.empty() ? Value(nullptr) : Value(T.Reason);
    U["errors"] = T.Errors.empty() ? Value(nullptr) : Value(T.Errors);
    Units.push_back(std::move(U));
  }
  Root["translationUnits"] = std::move(Units);
  if (R.Calls) {
    Array Calls;
    for (const ReportCall &C : *R.Calls)
      Calls.push_back(callValue(C, R.SourceRoot));
    Root["calls"] = std::move(Calls);
  } else {
    Root["calls"] = nullptr;
  }
  Array Fixes;
  for (const ReportMitigation &M : R.KnownFixes)
    Fixes.push_back(
        locationValue(M.Where, R.SourceRoot,
                      Object{{"id", M.Id}, {"commit", M.Commit}, {"subject", M.Subject}, {"function", M.Function}}));
  Root["knownFixes"] = std::move(Fixes);
  Root["summary"] = summaryValue(R.summary());
  return Root;
}

} // namespace

Value toJSON(const Report &R) {
  Object Root = reportWithoutFindings(R);
  Array Findings;
  for (const ReportFinding &F : R.Findings)
    Findings.push_back(findingValue(F, R.SourceRoot, R.DiffMode));
  Root["findings"] = std::move(Findings);
  return Root;
}

void writeJSONReport(const Report &R, llvm::raw_ostream &OS) {
  // Streamed, one finding built at a time (a json::Object costs kilobytes however few its keys), keys in the order
  // json::Value prints them (sorted), so the output is toJSON's, printed.
  Object Root = reportWithoutFindings(R);
  std::vector<std::string> Keys{"findings"};
  for (const auto &KV : Root)
    Keys.push_back(KV.first.str());
  llvm::sort(Keys);
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    for (const std::string &K : Keys) {
      if (K != "findings") {
        J.attribute(K, std::move(*Root.get(K)));
        continue;
      }
      J.attributeArray(K, [&] {
        for (const ReportFinding &F : R.Findings)
          J.value(findingValue(F, R.SourceRoot, R.DiffMode));
      });
    }
  });
  OS << "\n";
}

namespace {

using llvm::json::Path;

// Readers for the report's own types, llvm::json style: each returns false with the problem reported at its path
// (`findings[3].line`). null reads as absent, as the writer writes what it does not know.

bool fromJSON(const Value &V, unsigned &Out, Path P) {
  std::optional<int64_t> N = V.getAsInteger();
  if (!N || *N < 0 || *N > UINT32_MAX) {
    P.report("expected a non-negative integer");
    return false;
  }
  Out = static_cast<unsigned>(*N);
  return true;
}

template <typename T> bool optionalField(const Object &O, llvm::StringLiteral Key, T &Out, Path P) {
  const Value *V = O.get(Key);
  return !V || V->kind() == Value::Null || fromJSON(*V, Out, P.field(Key));
}

template <typename T> bool requiredField(const Object &O, llvm::StringLiteral Key, T &Out, Path P) {
  const Value *V = O.get(Key);
  if (!V || V->kind() == Value::Null) {
    P.field(Key).report("missing");
    return false;
  }
  return fromJSON(*V, Out, P.field(Key));
}

/// A value written as its name (severityName, verdictName, ...).
template <typename E>
bool readNamed(const Value &V, E &Out, Path P, std::initializer_list<E> All, llvm::StringRef (*NameOf)(E),
               llvm::StringLiteral Expected) {
  if (std::optional<llvm::StringRef> S = V.getAsString())
    for (E Each : All)
      if (NameOf(Each) == *S) {
        Out = Each;
        return true;
      }
  P.report(Expected);
  return false;
}

const Object *objectAt(const Value &V, Path P) {
  const Object *O = V.getAsObject();
  if (!O)
    P.report("expected an object");
  return O;
}

/// "file", "line" and "column", each optional; the file as written (relative to the source root).
bool readLocation(const Object &O, FileLocation &L, Path P) {
  return optionalField(O, "file", L.File, P) && optionalField(O, "line", L.Line, P) &&
         optionalField(O, "column", L.Column, P);
}

bool readBounds(const Object &O, std::array<std::optional<RoleBounds>, NumRoles> &Out, Path P) {
  const Value *V = O.get("bounds");
  if (!V || V->kind() == Value::Null)
    return true;
  const Object *Bounds = objectAt(*V, P.field("bounds"));
  if (!Bounds)
    return false;
  for (const auto &[Key, Values] : *Bounds) {
    std::optional<Role> R = roleFromName(Key);
    if (!R) {
      P.field("bounds").field(Key).report("not a role");
      return false;
    }
    RoleBounds B;
    if (!fromJSON(Values, B, P.field("bounds").field(Key)))
      return false;
    Out[static_cast<unsigned>(*R)] = std::move(B);
  }
  return true;
}

/// Files come back absolute: a report names them relative to its source root.
void resolvePaths(Report &R) {
  auto Resolve = [&](std::string &File) {
    if (!File.empty())
      File = absolutePath(File, R.SourceRoot);
  };
  for (ReportFinding &F : R.Findings) {
    Resolve(F.Begin.File);
    F.End.File = F.Begin.File;
    for (ReportNote &N : F.Notes)
      Resolve(N.Where.File);
    if (F.Fix) {
      Resolve(F.Fix->Begin.File);
      F.Fix->End.File = F.Fix->Begin.File;
    }
    if (F.Suppressed)
      Resolve(F.Suppressed->Where.File);
    if (F.Mitigated)
      Resolve(F.Mitigated->Where.File);
    if (F.TranslationUnit.empty())
      F.TranslationUnit = F.Begin.File;
    else
      Resolve(F.TranslationUnit);
  }
  for (TUInfo &T : R.TranslationUnits)
    Resolve(T.File);
  for (ReportMitigation &M : R.KnownFixes)
    Resolve(M.Where.File);
  if (R.Calls)
    for (ReportCall &C : *R.Calls) {
      Resolve(C.Begin.File);
      Resolve(C.TranslationUnit);
    }
}

} // namespace

bool fromJSON(const Value &V, Severity &Out, llvm::json::Path P) {
  return readNamed(V, Out, P, {Severity::Warning, Severity::Error}, severityName, "expected \"warning\" or \"error\"");
}

bool fromJSON(const Value &V, Verdict &Out, llvm::json::Path P) {
  return readNamed(V, Out, P, {Verdict::Violated, Verdict::Holds, Verdict::Unknown}, verdictName,
                   "expected \"violated\", \"holds\" or \"unknown\"");
}

bool fromJSON(const Value &V, Change &Out, llvm::json::Path P) {
  return readNamed(V, Out, P, {Change::New, Change::Unchanged, Change::Fixed}, changeName,
                   "expected \"new\", \"unchanged\" or \"fixed\"");
}

bool fromJSON(const Value &V, TUStatus &Out, llvm::json::Path P) {
  return readNamed(V, Out, P, {TUStatus::Analysed, TUStatus::Skipped, TUStatus::Failed}, tuStatusName,
                   "expected \"analysed\", \"skipped\" or \"failed\"");
}

bool fromJSON(const Value &V, RoleBounds &Out, llvm::json::Path P) {
  if (V.getAsString() == std::optional<llvm::StringRef>("unknown")) {
    Out.Unknown = true;
    return true;
  }
  const Array *Intervals = V.getAsArray();
  for (size_t I = 0; Intervals && I < Intervals->size(); ++I) {
    const Array *Pair = (*Intervals)[I].getAsArray();
    if (!Pair || Pair->size() != 2 || !(*Pair)[0].getAsString() || !(*Pair)[1].getAsString())
      break;
    Out.Intervals.emplace_back((*Pair)[0].getAsString()->str(), (*Pair)[1].getAsString()->str());
  }
  if (Intervals && Out.Intervals.size() == Intervals->size())
    return true;
  P.report("expected [[lo, hi], ...] hex strings or \"unknown\"");
  return false;
}

bool fromJSON(const Value &V, ReportNote &Out, llvm::json::Path P) {
  const Object *O = objectAt(V, P);
  return O && readLocation(*O, Out.Where, P) && requiredField(*O, "message", Out.Message, P);
}

bool fromJSON(const Value &V, ReportFix &Out, llvm::json::Path P) {
  const Object *O = objectAt(V, P);
  return O && readLocation(*O, Out.Begin, P) && optionalField(*O, "endLine", Out.End.Line, P) &&
         optionalField(*O, "endColumn", Out.End.Column, P) && requiredField(*O, "offset", Out.Offset, P) &&
         requiredField(*O, "length", Out.Length, P) && requiredField(*O, "replacement", Out.Replacement, P) &&
         optionalField(*O, "original", Out.Original, P);
}

bool fromJSON(const Value &V, ReportSuppression &Out, llvm::json::Path P) {
  const Object *O = objectAt(V, P);
  return O && readLocation(*O, Out.Where, P) && optionalField(*O, "reason", Out.Reason, P);
}

bool fromJSON(const Value &V, ReportMitigation &Out, llvm::json::Path P) {
  const Object *O = objectAt(V, P);
  return O && readLocation(*O, Out.Where, P) && requiredField(*O, "id", Out.Id, P) &&
         requiredField(*O, "commit", Out.Commit, P) && optionalField(*O, "subject", Out.Subject, P) &&
         optionalField(*O, "function", Out.Function, P);
}

bool fromJSON(const Value &V, ReportCall &C, llvm::json::Path P) {
  const Object *O = objectAt(V, P);
  if (!O || !readLocation(*O, C.Begin, P) || !optionalField(*O, "function", C.Function, P) ||
      !optionalField(*O, "callee", C.Callee, P) || !readBounds(*O, C.Bounds, P) ||
      !optionalField(*O, "translationUnit", C.TranslationUnit, P))
    return false;
  if (const Value *Verdicts = O->get("verdicts"); Verdicts && Verdicts->kind() != Value::Null) {
    const Object *All = objectAt(*Verdicts, P.field("verdicts"));
    if (!All)
      return false;
    for (const auto &[Id, Entry] : *All) {
      llvm::json::Path At = P.field("verdicts").field(Id);
      const Object *E = objectAt(Entry, At);
      CallVerdict CV{Id.str(), Verdict::Holds, ""};
      if (!E || !requiredField(*E, "verdict", CV.Outcome, At) || !optionalField(*E, "mitigatedBy", CV.MitigatedBy, At))
        return false;
      C.Verdicts.push_back(std::move(CV));
    }
  }
  return true;
}

bool fromJSON(const Value &V, ReportFinding &F, llvm::json::Path P) {
  const Object *O = objectAt(V, P);
  if (!O || !requiredField(*O, "rule", F.RuleId, P) || !requiredField(*O, "severity", F.Level, P) ||
      !optionalField(*O, "verdict", F.Outcome, P) || !readLocation(*O, F.Begin, P))
    return false;
  if (!F.Begin.valid() || F.Begin.File.empty()) {
    P.report("expected \"file\", \"line\" and \"column\"");
    return false;
  }
  return optionalField(*O, "endLine", F.End.Line, P) && optionalField(*O, "endColumn", F.End.Column, P) &&
         optionalField(*O, "function", F.Function, P) && optionalField(*O, "callee", F.Callee, P) &&
         optionalField(*O, "call", F.CallText, P) && requiredField(*O, "message", F.Message, P) &&
         requiredField(*O, "fingerprint", F.Fingerprint, P) && readBounds(*O, F.Bounds, P) &&
         optionalField(*O, "notes", F.Notes, P) && optionalField(*O, "fix", F.Fix, P) &&
         optionalField(*O, "suppressed", F.Suppressed, P) && optionalField(*O, "mitigated", F.Mitigated, P) &&
         optionalField(*O, "change", F.Diff, P) && optionalField(*O, "translationUnit", F.TranslationUnit, P);
}

bool fromJSON(const Value &V, RuleInfo &Out, llvm::json::Path P) {
  const Object *O = objectAt(V, P);
  return O && requiredField(*O, "id", Out.Id, P) && optionalField(*O, "severity", Out.Level, P) &&
         optionalField(*O, "message", Out.Message, P) && optionalField(*O, "description", Out.Description, P) &&
         optionalField(*O, "enabled", Out.OnByDefault, P);
}

bool fromJSON(const Value &V, TUInfo &Out, llvm::json::Path P) {
  const Object *O = objectAt(V, P);
  return O && requiredField(*O, "file", Out.File, P) && optionalField(*O, "directory", Out.Directory, P) &&
         requiredField(*O, "status", Out.Status, P) && optionalField(*O, "reason", Out.Reason, P) &&
         optionalField(*O, "errors", Out.Errors, P);
}

bool fromJSON(const Value &V, Report &R, llvm::json::Path P) {
  const Object *O = objectAt(V, P);
  if (!O || !requiredField(*O, "sourceRoot", R.SourceRoot, P) || !optionalField(*O, "ruleset", R.RulesetSource, P))
    return false;
  if (const Value *Tool = O->get("tool"); Tool && Tool->kind() != Value::Null) {
    const Object *T = objectAt(*Tool, P.field("tool"));
    if (!T || !optionalField(*T, "name", R.ToolName, P.field("tool")) ||
        !optionalField(*T, "version", R.ToolVersion, P.field("tool")))
      return false;
  }
  std::optional<std::string> Base;
  if (!optionalField(*O, "diffBase", Base, P) || !optionalField(*O, "rules", R.Rules, P) ||
      !requiredField(*O, "findings", R.Findings, P) || !optionalField(*O, "translationUnits", R.TranslationUnits, P) ||
      !optionalField(*O, "calls", R.Calls, P) || !optionalField(*O, "knownFixes", R.KnownFixes, P))
    return false;
  R.DiffMode = Base.has_value();
  R.DiffBase = Base.value_or("");
  if (const Value *S = O->get("summary"); S && S->kind() != Value::Null) {
    const Object *Summary = objectAt(*S, P.field("summary"));
    if (!Summary || !optionalField(*Summary, "baselined", R.Baselined, P.field("summary")))
      return false;
  }
  return true;
}

llvm::Expected<Report> readJSONReport(llvm::StringRef Text, llvm::StringRef Name) {
  llvm::Expected<Value> Parsed = parseBoundedJSON(Text);
  if (!Parsed)
    return llvm::createStringError("%s: invalid JSON: %s", Name.str().c_str(),
                                   llvm::toString(Parsed.takeError()).c_str());
  auto NotAReport = [&](const llvm::Twine &Problem) {
    return llvm::createStringError("%s: not an mmio-audit JSON report: %s", Name.str().c_str(), Problem.str().c_str());
  };
  // Told apart first: something else altogether, or a report of another version.
  const Object *Root = Parsed->getAsObject();
  if (!Root)
    return NotAReport("expected an object");
  std::optional<int64_t> Version = Root->getInteger("version");
  if (!Version || !Root->get("findings"))
    return NotAReport("expected \"version\" and \"findings\"");
  if (*Version != JsonReportVersion)
    return llvm::createStringError("%s: JSON report version %lld is not supported (expected %d)", Name.str().c_str(),
                                   static_cast<long long>(*Version), JsonReportVersion);
  Report R;
  llvm::json::Path::Root Where("report");
  if (!fromJSON(*Parsed, R, Where))
    return NotAReport(llvm::toString(Where.getError()));
  resolvePaths(R);
  return R;
}

} // namespace mmio
