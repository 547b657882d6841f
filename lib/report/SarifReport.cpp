#include "report/SarifReport.h"

#include "report/Fingerprint.h"
#include "rules/MessageTemplate.h"

#include "clang/Basic/CharInfo.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"

#include <map>
#include <optional>
#include <set>

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace mmio {

namespace {

constexpr const char *SarifSchema = "https://json.schemastore.org/sarif-2.1.0.json";

std::string percentEncode(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (clang::isAsciiIdentifierContinue(C) || C == '/' || C == '-' || C == '.' || C == '~')
      Out += C;
    else
      Out += {'%', llvm::hexdigit(C >> 4), llvm::hexdigit(C & 15)};
  }
  return Out;
}

/// Messages are sentences in SARIF (SARIF2001): clang-style text gets its period here.
std::string sentence(llvm::StringRef Text) {
  std::string S = Text.trim().str();
  if (!S.empty() && S.back() != '.' && S.back() != '!' && S.back() != '?')
    S += '.';
  return S;
}

/// "hyperv-config-window-below-4g" -> "HypervConfigWindowBelow4g": SARIF's rule `name` (SARIF2012).
std::string pascalCase(llvm::StringRef Id) {
  std::string Out;
  bool Upper = true;
  for (char C : Id) {
    if (!clang::isAsciiIdentifierContinue(C) || C == '_') {
      Upper = true;
      continue;
    }
    Out += Upper ? llvm::toUpper(C) : C;
    Upper = false;
  }
  return Out;
}

/// The rule's message template without its placeholders: "config window request can start below 4GB".
std::string shortDescription(const RuleInfo &Rl) {
  // A report holds the template's text, not the rule (it may have been read back from JSON), so it is split here
  // by the loader's own parser. Text that is no template (a hand-edited report) is kept as it is.
  MessageTemplate Pieces{MessagePiece::literal(Rl.Message)};
  if (llvm::Expected<MessageTemplate> Parsed = parseMessageTemplate(Rl.Message))
    Pieces = std::move(*Parsed);
  else
    llvm::consumeError(Parsed.takeError());
  // A parenthesised part that only shows values goes ("(min can be {min})"); one that says something stays.
  std::string Out, Group;
  int Depth = 0;
  bool GroupShowsValues = false;
  for (const MessagePiece &Piece : Pieces) {
    if (Piece.Fill) {
      if (Depth)
        GroupShowsValues = true;
      else
        Out += placeholderName(*Piece.Fill).str(); // "{range}" reads "range"
      continue;
    }
    for (char C : Piece.Text) {
      if (C == '(') {
        if (Depth++ > 0)
          Group += C;
        continue;
      }
      if (C == ')' && Depth > 0) {
        if (--Depth == 0) {
          if (!GroupShowsValues)
            Out += "(" + Group + ")";
          Group.clear();
          GroupShowsValues = false;
        } else {
          Group += C;
        }
        continue;
      }
      (Depth ? Group : Out) += C;
    }
  }
  std::string Clean = llvm::StringRef(Out).trim().str();
  Clean = sentence(Clean.empty() ? Rl.Id : Clean);
  Clean[0] = llvm::toUpper(Clean[0]);
  return Clean;
}

Object artifactLocation(const std::string &File, llvm::StringRef Root) {
  if (isUnderRoot(File, Root))
    return Object{{"uri", percentEncode(relativeToRoot(File, Root))}, {"uriBaseId", SourceRootBaseId}};
  return Object{{"uri", pathToURI(File)}};
}

Object region(const FileLocation &Begin, const FileLocation &End) {
  Object R{{"startLine", Begin.Line}, {"startColumn", Begin.Column}};
  if (End.valid() && End.File == Begin.File &&
      (End.Line > Begin.Line || (End.Line == Begin.Line && End.Column >= Begin.Column))) {
    R["endLine"] = End.Line;
    R["endColumn"] = End.Column;
  }
  return R;
}

Object physicalLocation(const FileLocation &Begin, const FileLocation &End, llvm::StringRef Root) {
  return Object{{"artifactLocation", artifactLocation(Begin.File, Root)}, {"region", region(Begin, End)}};
}

Value boundsValue(const RoleBounds &B) {
  if (B.Unknown)
    return "unknown";
  Array Intervals;
  for (const auto &[Lo, Hi] : B.Intervals)
    Intervals.push_back(Array{Lo, Hi});
  return Intervals;
}

Object ruleDescriptor(const RuleInfo &Rl) {
  std::string Full = sentence(Rl.Description.empty() ? Rl.Message : Rl.Description);
  std::string Help = Full + "\n\nTo silence one call after review, put `mmio-audit: ignore[" + Rl.Id +
                     "] -- REASON` in a comment on the call.";
  return Object{{"id", Rl.Id},
                {"name", pascalCase(Rl.Id)},
                {"shortDescription", Object{{"text", shortDescription(Rl)}}},
                {"fullDescription", Object{{"text", Full}}},
                {"help", Object{{"text", Help}, {"markdown", Help}}},
                // An opt-in rule is off unless a run enables it, which SARIF says with `enabled`.
                {"defaultConfiguration", Object{{"level", severityName(Rl.Level)}, {"enabled", Rl.OnByDefault}}},
                {"properties", Object{{"tags", Array{"correctness", "mmio"}}, {"precision", "high"}}}};
}

Object resultValue(const ReportFinding &F, const std::map<std::string, unsigned> &RuleIndex, const Report &R) {
  Object Res;
  Res["ruleId"] = F.RuleId;
  if (auto It = RuleIndex.find(F.RuleId); It != RuleIndex.end())
    Res["ruleIndex"] = It->second;
  Res["level"] = severityName(F.Level);
  Res["kind"] = "fail";
  Res["message"] = Object{{"text", sentence(F.Message)}};
  Object Location{{"physicalLocation", physicalLocation(F.Begin, F.End, R.SourceRoot)}};
  if (!F.Function.empty())
    Location["logicalLocations"] = Array{Object{{"name", F.Function}, {"kind", "function"}}};
  Res["locations"] = Array{std::move(Location)};
  Array Related;
  std::vector<std::string> Placeless;
  for (const ReportNote &N : F.Notes) {
    if (N.Where.File.empty() || !N.Where.valid() || N.Where.File.front() == '<') {
      Placeless.push_back(sentence(N.Message));
      continue;
    }
    Related.push_back(Object{{"id", static_cast<int64_t>(Related.size() + 1)},
                             {"message", Object{{"text", sentence(N.Message)}}},
                             {"physicalLocation", physicalLocation(N.Where, FileLocation(), R.SourceRoot)}});
  }
  if (!Related.empty())
    Res["relatedLocations"] = std::move(Related);
  if (!Placeless.empty()) {
    // Notes about the ruleset (a range's definition) have no place in the sources: they extend the message.
    std::string Text = sentence(F.Message);
    for (const std::string &P : Placeless)
      Text += " " + P;
    Res["message"] = Object{{"text", Text}};
  }
  Res["partialFingerprints"] = Object{{FingerprintName, F.Fingerprint}};
  if (F.Fix) {
    const ReportFix &X = *F.Fix;
    std::string Description = X.Original.empty() ? "Replace with '" + X.Replacement + "'."
                                                 : "Replace '" + X.Original + "' with '" + X.Replacement + "'.";
    Res["fixes"] = Array{
        Object{{"description", Object{{"text", Description}}},
               {"artifactChanges",
                Array{Object{{"artifactLocation", artifactLocation(X.Begin.File, R.SourceRoot)},
                             {"replacements", Array{Object{{"deletedRegion", region(X.Begin, X.End)},
                                                           {"insertedContent", Object{{"text", X.Replacement}}}}}}}}}}};
  }
  if (F.Suppressed) {
    Object S{{"kind", "inSource"}, {"justification", F.Suppressed->Reason}};
    if (F.Suppressed->Where.valid())
      S["location"] = Object{{"physicalLocation", physicalLocation(F.Suppressed->Where, FileLocation(), R.SourceRoot)}};
    Res["suppressions"] = Array{std::move(S)};
  }
  if (R.DiffMode)
    Res["baselineState"] = F.Diff == Change::New ? "new" : "unchanged";
  Object Bounds;
  for (unsigned I = 0; I < NumRoles; ++I)
    if (F.Bounds[I])
      Bounds[roleName(static_cast<Role>(I))] = boundsValue(*F.Bounds[I]);
  Object Properties{{"verdict", verdictName(F.Outcome)}, {"callee", F.Callee}, {"bounds", std::move(Bounds)}};
  // SARIF has no state for "defused elsewhere": a property bag, so that a viewer still shows the result and a gate
  // can tell it apart.
  if (const std::optional<ReportMitigation> &M = F.Mitigated)
    Properties["mitigatedBy"] =
        Object{{"id", M->Id},
               {"commit", M->Commit},
               {"subject", M->Subject},
               {"function", M->Function},
               {"location", Object{{"physicalLocation", physicalLocation(M->Where, FileLocation(), R.SourceRoot)}}}};
  Res["properties"] = std::move(Properties);
  return Res;
}

} // namespace

std::string pathToURI(llvm::StringRef AbsolutePath) { return "file://" + percentEncode(AbsolutePath); }

namespace {

/// Everything of a log but its results, which are many: toSARIF puts them in, writeSARIFReport streams them.
struct RunParts {
  std::map<std::string, unsigned> RuleIndex;
  Value Invocations = Array();
  Value Tool = Object();
  std::optional<Value> BaseIds;
};

RunParts runParts(const Report &R) {
  RunParts P;
  Array Rules;
  for (const RuleInfo &Rl : R.Rules) {
    P.RuleIndex[Rl.Id] = Rules.size();
    Rules.push_back(ruleDescriptor(Rl));
  }
  Array Notifications;
  bool Failed = false;
  for (const TUInfo &T : R.TranslationUnits) {
    if (T.Status != TUStatus::Failed)
      continue;
    Failed = true;
    Notifications.push_back(Object{
        {"level", "error"},
        {"message", Object{{"text", sentence("Not analysed: " + (T.Reason.empty() ? std::string("translation unit "
                                                                                                "does not compile")
                                                                                  : T.Reason))}}},
        {"locations",
         Array{Object{{"physicalLocation", Object{{"artifactLocation", artifactLocation(T.File, R.SourceRoot)}}}}}}});
  }
  Object Invocation{{"executionSuccessful", !Failed}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);
  P.Invocations = Array{std::move(Invocation)};

  Object Driver{{"name", R.ToolName},
                {"version", R.ToolVersion},
                {"semanticVersion", R.ToolVersion},
                {"rules", std::move(Rules)}};
  if (!R.InformationUri.empty())
    Driver["informationUri"] = R.InformationUri;
  P.Tool = Object{{"driver", std::move(Driver)}};
  if (!R.SourceRoot.empty())
    P.BaseIds =
        Object{{SourceRootBaseId, Object{{"uri", pathToURI(llvm::StringRef(R.SourceRoot).rtrim('/').str() + "/")}}}};
  return P;
}

/// A finding the change removed is no alert to show.
bool shown(const ReportFinding &F) { return F.Diff != Change::Fixed; }

} // namespace

Value toSARIF(const Report &R) {
  RunParts P = runParts(R);
  Array Results;
  for (const ReportFinding &F : R.Findings)
    if (shown(F))
      Results.push_back(resultValue(F, P.RuleIndex, R));
  Object Run{{"tool", std::move(P.Tool)},
             {"invocations", std::move(P.Invocations)},
             {"columnKind", "unicodeCodePoints"},
             {"results", std::move(Results)}};
  if (P.BaseIds)
    Run["originalUriBaseIds"] = std::move(*P.BaseIds);
  return Object{{"$schema", SarifSchema}, {"version", "2.1.0"}, {"runs", Array{std::move(Run)}}};
}

void writeSARIFReport(const Report &R, llvm::raw_ostream &OS) {
  // Streamed, one result built at a time: a json::Object costs kilobytes however few its keys, so a log built
  // whole took 150 KB per finding (3 GB for 20,000). Keys come in the order json::Value prints them (sorted), so
  // the output is the same as toSARIF's, printed.
  RunParts P = runParts(R);
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("$schema", SarifSchema);
    J.attributeArray("runs", [&] {
      J.object([&] {
        J.attribute("columnKind", "unicodeCodePoints");
        J.attribute("invocations", std::move(P.Invocations));
        if (P.BaseIds)
          J.attribute("originalUriBaseIds", std::move(*P.BaseIds));
        J.attributeArray("results", [&] {
          for (const ReportFinding &F : R.Findings)
            if (shown(F))
              J.value(resultValue(F, P.RuleIndex, R));
        });
        J.attribute("tool", std::move(P.Tool));
      });
    });
    J.attribute("version", "2.1.0");
  });
  OS << "\n";
}

llvm::Expected<Value> mergeSARIF(std::vector<Value> Logs, const std::vector<std::string> &Names) {
  if (Logs.empty())
    return llvm::createStringError("no SARIF logs to merge");
  Object *FirstRun = nullptr;
  Array Rules;
  std::map<std::string, unsigned> RuleIndex;
  Array Results, Notifications;
  std::set<std::string> SeenResults;
  bool Successful = true;
  for (size_t I = 0; I < Logs.size(); ++I) {
    auto Bad = [&](llvm::StringRef What) {
      return llvm::createStringError("%s: not a SARIF log from mmio-audit: %s", Names[I].c_str(), What.str().c_str());
    };
    Object *Log = Logs[I].getAsObject();
    if (!Log || Log->getString("version") != std::optional<llvm::StringRef>("2.1.0"))
      return Bad("expected a SARIF 2.1.0 log");
    Array *Runs = Log->getArray("runs");
    if (!Runs || Runs->size() != 1 || !(*Runs)[0].getAsObject())
      return Bad("expected exactly one run");
    Object &Run = *(*Runs)[0].getAsObject();
    Object *Driver = Run.getObject("tool") ? Run.getObject("tool")->getObject("driver") : nullptr;
    if (!Driver)
      return Bad("no tool.driver");
    if (!FirstRun) {
      FirstRun = &Run;
    } else {
      auto Root = [](Object &R) -> std::string {
        if (Object *Bases = R.getObject("originalUriBaseIds"))
          if (Object *Src = Bases->getObject(SourceRootBaseId))
            return Src->getString("uri").value_or("").str();
        return "";
      };
      if (Root(Run) != Root(*FirstRun))
        return Bad("its %SRCROOT% differs from that of " + Names[0] + ": shards must share --source-root");
    }
    // Rules, by id, in first-seen order; results point at the merged list.
    std::map<unsigned, unsigned> Renumber;
    if (Array *DriverRules = Driver->getArray("rules")) {
      for (unsigned K = 0; K < DriverRules->size(); ++K) {
        Object *Rule = (*DriverRules)[K].getAsObject();
        if (!Rule || !Rule->getString("id"))
          return Bad("a rule without an id");
        std::string Id = Rule->getString("id")->str();
        auto [It, Inserted] = RuleIndex.try_emplace(Id, Rules.size());
        if (Inserted)
          Rules.push_back(std::move(*Rule));
        Renumber[K] = It->second;
      }
    }
    if (Array *Res = Run.getArray("results")) {
      for (Value &V : *Res) {
        Object *Result = V.getAsObject();
        if (!Result)
          return Bad("a result that is not an object");
        if (std::optional<int64_t> Index = Result->getInteger("ruleIndex")) {
          auto It = Renumber.find(static_cast<unsigned>(*Index));
          if (It == Renumber.end())
            return Bad("a result whose ruleIndex names no rule");
          (*Result)["ruleIndex"] = It->second;
        }
        // One header's finding comes from every shard that compiled a unit including it.
        std::string Key;
        llvm::raw_string_ostream KeyOS(Key);
        KeyOS << Result->getString("ruleId").value_or("") << "\n";
        if (Object *FP = Result->getObject("partialFingerprints"))
          KeyOS << FP->getString(FingerprintName).value_or("") << "\n";
        if (Array *Locs = Result->getArray("locations"))
          KeyOS << Value(Array(*Locs));
        if (SeenResults.insert(KeyOS.str()).second)
          Results.push_back(std::move(V));
      }
    }
    if (Array *Invocations = Run.getArray("invocations")) {
      for (Value &Inv : *Invocations) {
        if (Object *O = Inv.getAsObject()) {
          if (O->getBoolean("executionSuccessful") == std::optional<bool>(false))
            Successful = false;
          if (Array *N = O->getArray("toolExecutionNotifications"))
            for (Value &Note : *N)
              Notifications.push_back(std::move(Note));
        }
      }
    }
  }
  Object &Out = *FirstRun;
  (*Out.getObject("tool")->getObject("driver"))["rules"] = std::move(Rules);
  Out["results"] = std::move(Results);
  Object Invocation{{"executionSuccessful", Successful}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);
  Out["invocations"] = Array{std::move(Invocation)};
  Value Merged = std::move(Logs[0]);
  return Merged;
}

} // namespace mmio
