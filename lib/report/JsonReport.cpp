#include "report/JsonReport.h"

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
  O["change"] = DiffMode ? Value(changeName(F.Diff)) : Value(nullptr);
  O["translationUnit"] = fileValue(F.TranslationUnit, Root);
  return O;
}

Value summaryValue(const Summary &S) {
  return Object{{"findings", S.Findings},
                {"errors", S.Errors},
                {"warnings", S.Warnings},
                {"suppressed", S.Suppressed},
                {"new", S.New},
                {"unchanged", S.Unchanged},
                {"fixed", S.Fixed},
                {"baselined", S.Baselined},
                {"translationUnits", S.TranslationUnits},
                {"withFindings", S.WithFindings},
                {"analysed", S.Analysed},
                {"skipped", S.Skipped},
                {"failed", S.Failed}};
}

} // namespace

Value toJSON(const Report &R) {
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
                           {"description", Rl.Description}});
  Root["rules"] = std::move(Rules);
  Array Findings;
  for (const ReportFinding &F : R.Findings)
    Findings.push_back(findingValue(F, R.SourceRoot, R.DiffMode));
  Root["findings"] = std::move(Findings);
  Array Units;
  for (const TUInfo &T : R.TranslationUnits) {
    Object U{{"file", fileValue(T.File, R.SourceRoot)},
             {"directory", T.Directory},
             {"status", tuStatusName(T.Status)}};
    U["reason"] = T.Reason.empty() ? Value(nullptr) : Value(T.Reason);
    U["errors"] = T.Errors.empty() ? Value(nullptr) : Value(T.Errors);
    Units.push_back(std::move(U));
  }
  Root["translationUnits"] = std::move(Units);
  Root["summary"] = summaryValue(R.summary());
  return Root;
}

void writeJSONReport(const Report &R, llvm::raw_ostream &OS) { OS << llvm::formatv("{0:2}", toJSON(R)) << "\n"; }

namespace {

/// Reads fields of one JSON object, remembering the first problem with its path (`findings[3].line`).
class Reader {
public:
  explicit Reader(llvm::StringRef Name) : Name(Name) {}

  llvm::Error error() const {
    if (Problem.empty())
      return llvm::Error::success();
    return llvm::createStringError("%s: not an mmio-audit JSON report: %s", Name.c_str(), Problem.c_str());
  }
  bool failed() const { return !Problem.empty(); }
  void fail(const llvm::Twine &Path, const llvm::Twine &What) {
    if (Problem.empty())
      Problem = (Path + ": " + What).str();
  }

  std::string string(const Object &O, llvm::StringRef Key, const llvm::Twine &Path, bool Required = true) {
    const Value *V = O.get(Key);
    if (!V || V->kind() == Value::Null) {
      if (Required)
        fail(Path + "." + Key, "missing");
      return "";
    }
    if (std::optional<llvm::StringRef> S = V->getAsString())
      return S->str();
    fail(Path + "." + Key, "expected a string");
    return "";
  }
  unsigned number(const Object &O, llvm::StringRef Key, const llvm::Twine &Path, bool Required = true) {
    const Value *V = O.get(Key);
    if (!V || V->kind() == Value::Null) {
      if (Required)
        fail(Path + "." + Key, "missing");
      return 0;
    }
    if (std::optional<int64_t> N = V->getAsInteger(); N && *N >= 0 && *N <= UINT32_MAX)
      return static_cast<unsigned>(*N);
    fail(Path + "." + Key, "expected a non-negative integer");
    return 0;
  }
  FileLocation location(const Object &O, const llvm::Twine &Path, llvm::StringRef Root) {
    FileLocation L;
    std::string File = string(O, "file", Path, /*Required=*/false);
    if (!File.empty())
      L.File = absolutePath(File, Root);
    L.Line = number(O, "line", Path, false);
    L.Column = number(O, "column", Path, false);
    return L;
  }

private:
  std::string Name;
  std::string Problem;
};

std::optional<Severity> severityFrom(llvm::StringRef S) {
  if (S == "warning")
    return Severity::Warning;
  if (S == "error")
    return Severity::Error;
  return std::nullopt;
}

std::optional<Verdict> verdictFrom(llvm::StringRef S) {
  for (Verdict V : {Verdict::Violated, Verdict::Holds, Verdict::Unknown})
    if (verdictName(V) == S)
      return V;
  return std::nullopt;
}

} // namespace

llvm::Expected<Report> readJSONReport(llvm::StringRef Text, llvm::StringRef Name) {
  llvm::Expected<Value> Parsed = llvm::json::parse(Text);
  if (!Parsed)
    return llvm::createStringError("%s: invalid JSON: %s", Name.str().c_str(),
                                   llvm::toString(Parsed.takeError()).c_str());
  Reader In(Name);
  const Object *Root = Parsed->getAsObject();
  if (!Root) {
    In.fail("(top level)", "expected an object");
    return In.error();
  }
  std::optional<int64_t> Version = Root->getInteger("version");
  if (!Version || !Root->get("findings")) {
    In.fail("(top level)", "expected \"version\" and \"findings\"");
    return In.error();
  }
  if (*Version != JsonReportVersion)
    return llvm::createStringError("%s: JSON report version %lld is not supported (expected %d)",
                                   Name.str().c_str(), static_cast<long long>(*Version), JsonReportVersion);
  Report R;
  R.SourceRoot = In.string(*Root, "sourceRoot", "(top level)");
  R.RulesetSource = In.string(*Root, "ruleset", "(top level)", false);
  if (const Object *Tool = Root->getObject("tool")) {
    R.ToolName = In.string(*Tool, "name", "tool", false);
    R.ToolVersion = In.string(*Tool, "version", "tool", false);
  }
  if (std::optional<llvm::StringRef> Base = Root->getString("diffBase")) {
    R.DiffMode = true;
    R.DiffBase = Base->str();
  }
  if (const Array *Rules = Root->getArray("rules")) {
    for (size_t I = 0; I < Rules->size(); ++I) {
      std::string Path = llvm::formatv("rules[{0}]", I);
      const Object *O = (*Rules)[I].getAsObject();
      if (!O) {
        In.fail(Path, "expected an object");
        break;
      }
      RuleInfo Rl;
      Rl.Id = In.string(*O, "id", Path);
      Rl.Level = severityFrom(In.string(*O, "severity", Path, false)).value_or(Severity::Warning);
      Rl.Message = In.string(*O, "message", Path, false);
      Rl.Description = In.string(*O, "description", Path, false);
      R.Rules.push_back(std::move(Rl));
    }
  }
  const Array *Findings = Root->getArray("findings");
  if (!Findings)
    In.fail("findings", "expected an array");
  for (size_t I = 0; Findings && I < Findings->size() && !In.failed(); ++I) {
    std::string Path = llvm::formatv("findings[{0}]", I);
    const Object *O = (*Findings)[I].getAsObject();
    if (!O) {
      In.fail(Path, "expected an object");
      break;
    }
    ReportFinding F;
    F.RuleId = In.string(*O, "rule", Path);
    std::optional<Severity> Level = severityFrom(In.string(*O, "severity", Path));
    if (!Level)
      In.fail(Path + ".severity", "expected \"warning\" or \"error\"");
    F.Level = Level.value_or(Severity::Warning);
    F.Outcome = verdictFrom(In.string(*O, "verdict", Path, false)).value_or(Verdict::Violated);
    F.Begin = In.location(*O, Path, R.SourceRoot);
    if (!F.Begin.valid() || F.Begin.File.empty())
      In.fail(Path, "expected \"file\", \"line\" and \"column\"");
    F.End.File = F.Begin.File;
    F.End.Line = In.number(*O, "endLine", Path, false);
    F.End.Column = In.number(*O, "endColumn", Path, false);
    F.Function = In.string(*O, "function", Path, false);
    F.Callee = In.string(*O, "callee", Path, false);
    F.CallText = In.string(*O, "call", Path, false);
    F.Message = In.string(*O, "message", Path);
    F.Fingerprint = In.string(*O, "fingerprint", Path);
    if (const Object *Bounds = O->getObject("bounds")) {
      for (const auto &[Key, V] : *Bounds) {
        std::optional<Role> Rl = roleFromName(Key);
        if (!Rl) {
          In.fail(Path + ".bounds." + Key.str(), "not a role");
          continue;
        }
        RoleBounds B;
        if (V.getAsString() == std::optional<llvm::StringRef>("unknown")) {
          B.Unknown = true;
        } else if (const Array *Intervals = V.getAsArray()) {
          for (const Value &Iv : *Intervals) {
            const Array *Pair = Iv.getAsArray();
            if (!Pair || Pair->size() != 2 || !(*Pair)[0].getAsString() || !(*Pair)[1].getAsString()) {
              In.fail(Path + ".bounds." + Key.str(), "expected [[lo, hi], ...] hex strings or \"unknown\"");
              break;
            }
            B.Intervals.emplace_back((*Pair)[0].getAsString()->str(), (*Pair)[1].getAsString()->str());
          }
        } else {
          In.fail(Path + ".bounds." + Key.str(), "expected [[lo, hi], ...] hex strings or \"unknown\"");
        }
        F.Bounds[static_cast<unsigned>(*Rl)] = std::move(B);
      }
    }
    if (const Array *Notes = O->getArray("notes")) {
      for (size_t K = 0; K < Notes->size(); ++K) {
        std::string NotePath = llvm::formatv("{0}.notes[{1}]", Path, K);
        if (const Object *N = (*Notes)[K].getAsObject())
          F.Notes.push_back({In.location(*N, NotePath, R.SourceRoot), In.string(*N, "message", NotePath)});
        else
          In.fail(NotePath, "expected an object");
      }
    }
    if (const Object *X = O->getObject("fix")) {
      std::string FixPath = Path + ".fix";
      ReportFix Fix;
      Fix.Begin = In.location(*X, FixPath, R.SourceRoot);
      Fix.End.File = Fix.Begin.File;
      Fix.End.Line = In.number(*X, "endLine", FixPath, false);
      Fix.End.Column = In.number(*X, "endColumn", FixPath, false);
      Fix.Offset = In.number(*X, "offset", FixPath);
      Fix.Length = In.number(*X, "length", FixPath);
      Fix.Replacement = In.string(*X, "replacement", FixPath);
      Fix.Original = In.string(*X, "original", FixPath, false);
      F.Fix = std::move(Fix);
    }
    if (const Object *S = O->getObject("suppressed"))
      F.Suppressed = ReportSuppression{In.location(*S, Path + ".suppressed", R.SourceRoot),
                                       In.string(*S, "reason", Path + ".suppressed", false)};
    if (std::optional<llvm::StringRef> C = O->getString("change")) {
      for (Change Ch : {Change::New, Change::Unchanged, Change::Fixed})
        if (changeName(Ch) == *C)
          F.Diff = Ch;
    }
    std::string Unit = In.string(*O, "translationUnit", Path, false);
    F.TranslationUnit = Unit.empty() ? F.Begin.File : absolutePath(Unit, R.SourceRoot);
    R.Findings.push_back(std::move(F));
  }
  if (const Array *Units = Root->getArray("translationUnits")) {
    for (size_t I = 0; I < Units->size() && !In.failed(); ++I) {
      std::string Path = llvm::formatv("translationUnits[{0}]", I);
      const Object *O = (*Units)[I].getAsObject();
      if (!O) {
        In.fail(Path, "expected an object");
        break;
      }
      TUInfo T;
      T.File = absolutePath(In.string(*O, "file", Path), R.SourceRoot);
      T.Directory = In.string(*O, "directory", Path, false);
      std::string Status = In.string(*O, "status", Path);
      if (Status == "analysed")
        T.Status = TUStatus::Analysed;
      else if (Status == "skipped")
        T.Status = TUStatus::Skipped;
      else if (Status == "failed")
        T.Status = TUStatus::Failed;
      else
        In.fail(Path + ".status", "expected \"analysed\", \"skipped\" or \"failed\"");
      T.Reason = In.string(*O, "reason", Path, false);
      T.Errors = In.string(*O, "errors", Path, false);
      R.TranslationUnits.push_back(std::move(T));
    }
  }
  if (const Object *S = Root->getObject("summary"))
    R.Baselined = In.number(*S, "baselined", "summary", false);
  if (llvm::Error E = In.error())
    return std::move(E);
  return R;
}

} // namespace mmio
