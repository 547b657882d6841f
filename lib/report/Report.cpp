#include "report/Report.h"

#include "input/PrintableText.h"
#include "report/Fingerprint.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace mmio {

RoleBounds boundsOf(const ValueSet &V) {
  RoleBounds B;
  B.Unknown = V.isUnknown();
  if (!B.Unknown)
    for (const Interval &I : V.intervals())
      B.Intervals.emplace_back(toHex(I.Lo), toHex(I.Hi));
  return B;
}

llvm::StringRef changeName(Change C) {
  switch (C) {
  case Change::None:
    return "";
  case Change::New:
    return "new";
  case Change::Unchanged:
    return "unchanged";
  case Change::Fixed:
    return "fixed";
  }
  return "";
}

llvm::StringRef tuStatusName(TUStatus S) {
  switch (S) {
  case TUStatus::Analysed:
    return "analysed";
  case TUStatus::Skipped:
    return "skipped";
  case TUStatus::Failed:
    return "failed";
  }
  return "failed";
}

std::vector<RuleInfo> describeRules(const Ruleset &Rules) {
  std::vector<RuleInfo> Out;
  for (const Rule &R : Rules.Rules)
    Out.push_back({R.Id, R.Level, printableText(R.Message), printableText(R.Description, /*KeepLineBreaks=*/true),
                   R.OnByDefault});
  return Out;
}

const RuleInfo *Report::findRule(llvm::StringRef Id) const {
  for (const RuleInfo &R : Rules)
    if (R.Id == Id)
      return &R;
  return nullptr;
}

Summary Report::summary() const {
  Summary S;
  std::set<std::string> UnitsWithFindings, UnitsWithNewFindings;
  for (const ReportFinding &F : Findings) {
    if (F.Diff == Change::Fixed) {
      ++S.Fixed;
      continue;
    }
    if (F.Suppressed) {
      ++S.Suppressed;
      continue;
    }
    ++S.Findings;
    ++(F.Level == Severity::Error ? S.Errors : S.Warnings);
    S.Mitigated += F.Mitigated.has_value();
    if (F.Diff == Change::New) {
      ++S.New;
      ++(F.Level == Severity::Error ? S.NewErrors : S.NewWarnings);
      UnitsWithNewFindings.insert(F.TranslationUnit);
    } else if (F.Diff == Change::Unchanged) {
      ++S.Unchanged;
    }
    UnitsWithFindings.insert(F.TranslationUnit);
  }
  S.Baselined = Baselined;
  S.WithFindings = UnitsWithFindings.size();
  S.WithNewFindings = UnitsWithNewFindings.size();
  S.TranslationUnits = TranslationUnits.size();
  for (const TUInfo &T : TranslationUnits) {
    ++(T.Status == TUStatus::Analysed ? S.Analysed : T.Status == TUStatus::Skipped ? S.Skipped : S.Failed);
    // A unit that ran has its compile command's directory; one that was never found has none.
    S.NotFound += T.Status == TUStatus::Failed && T.Directory.empty();
  }
  return S;
}

bool isUnderRoot(llvm::StringRef Path, llvm::StringRef Root) {
  if (Root.empty())
    return false;
  Root = Root.rtrim('/');
  if (Root.empty()) // the root directory itself
    return Path.starts_with("/");
  return Path.starts_with(Root) && Path.size() > Root.size() && Path[Root.size()] == '/';
}

std::string relativeToRoot(llvm::StringRef Path, llvm::StringRef Root) {
  if (!isUnderRoot(Path, Root))
    return Path.str();
  llvm::StringRef Trimmed = Root.rtrim('/');
  return Path.substr(Trimmed.size() + 1).str();
}

void finalizeFindings(Report &R) {
  auto Key = [](const ReportFinding &F) {
    return std::tie(F.Begin.File, F.Begin.Line, F.Begin.Column, F.RuleId, F.Message);
  };
  // Stable: among copies of one finding (a call in a header, seen by every unit that includes it) the first unit
  // to report it keeps it.
  llvm::stable_sort(R.Findings, [&](const ReportFinding &A, const ReportFinding &B) { return Key(A) < Key(B); });
  R.Findings.erase(std::unique(R.Findings.begin(), R.Findings.end(),
                               [&](const ReportFinding &A, const ReportFinding &B) { return Key(A) == Key(B); }),
                   R.Findings.end());
  assignFingerprints(R.Findings, R.SourceRoot);
}

void finalizeCalls(Report &R) {
  if (!R.Calls)
    return;
  auto Key = [](const ReportCall &C) { return std::tie(C.Begin.File, C.Begin.Line, C.Begin.Column, C.Function); };
  llvm::stable_sort(*R.Calls, [&](const ReportCall &A, const ReportCall &B) { return Key(A) < Key(B); });
  // A call in a header is listed once for each distinct picture the units give of it (a unit built with other
  // macros may pass other values, and break a rule the first unit's copy keeps): copies that say the same drop.
  std::vector<ReportCall> Kept;
  size_t GroupStart = 0;
  for (ReportCall &C : *R.Calls) {
    if (Kept.empty() || Key(Kept[GroupStart]) != Key(C))
      GroupStart = Kept.size();
    bool Same = std::any_of(Kept.begin() + GroupStart, Kept.end(), [&](const ReportCall &K) {
      return K.Callee == C.Callee && K.Bounds == C.Bounds && K.Verdicts == C.Verdicts;
    });
    if (!Same)
      Kept.push_back(std::move(C));
  }
  *R.Calls = std::move(Kept);
}

std::string summaryLine(const Report &R) {
  Summary S = R.summary();
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  auto Plural = [](unsigned N, llvm::StringRef One, llvm::StringRef Many) {
    return std::to_string(N) + " " + (N == 1 ? One : Many).str();
  };
  // In patch mode only the new findings are printed, and only they decide the exit status: the headline counts
  // them, so that it never announces an error the run did not show.
  if (R.DiffMode)
    OS << Plural(S.New, "new finding", "new findings") << " (" << Plural(S.NewErrors, "error", "errors") << ", "
       << Plural(S.NewWarnings, "warning", "warnings") << ") in " << S.WithNewFindings << " of ";
  else
    OS << Plural(S.Findings, "finding", "findings") << " (" << Plural(S.Errors, "error", "errors") << ", "
       << Plural(S.Warnings, "warning", "warnings") << ") in " << S.WithFindings << " of ";
  OS << Plural(S.TranslationUnits, "translation unit", "translation units");
  std::vector<std::string> Extra;
  if (R.DiffMode)
    Extra.push_back(std::to_string(S.Unchanged) + " unchanged, " + std::to_string(S.Fixed) + " fixed since " +
                    R.DiffBase);
  if (S.Skipped)
    Extra.push_back(std::to_string(S.Skipped) + " skipped");
  if (S.Failed > S.NotFound)
    Extra.push_back(std::to_string(S.Failed - S.NotFound) + " failed to compile");
  if (S.NotFound)
    Extra.push_back(std::to_string(S.NotFound) + " not found");
  if (S.Mitigated)
    Extra.push_back(std::to_string(S.Mitigated) + " mitigated by a fix elsewhere in the tree");
  if (S.Suppressed)
    Extra.push_back(std::to_string(S.Suppressed) + " suppressed");
  if (S.Baselined)
    Extra.push_back(std::to_string(S.Baselined) + " in the baseline");
  for (const std::string &E : Extra)
    OS << "; " << E;
  return Out;
}

} // namespace mmio
