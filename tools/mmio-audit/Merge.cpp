#include "Merge.h"

#include "Output.h"

#include "input/BoundedJson.h"
#include "input/InputFile.h"
#include "report/AtomicFile.h"
#include "report/JsonReport.h"
#include "report/SarifReport.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace mmio {

namespace {

int fail(const llvm::Twine &Message) {
  llvm::errs() << "mmio-audit: error: " << Message << "\n";
  return ExitFailure;
}

/// The exit code a SARIF log calls for: 2 when the tool failed somewhere, 1 for an error-level result.
int exitCodeForSARIF(const llvm::json::Value &Log) {
  const llvm::json::Object *Run = Log.getAsObject()->getArray("runs")->front().getAsObject();
  if (const llvm::json::Array *Invocations = Run->getArray("invocations"))
    for (const llvm::json::Value &I : *Invocations)
      if (I.getAsObject() && I.getAsObject()->getBoolean("executionSuccessful") == std::optional<bool>(false))
        return ExitFailure;
  if (const llvm::json::Array *Results = Run->getArray("results"))
    for (const llvm::json::Value &V : *Results)
      if (const llvm::json::Object *R = V.getAsObject())
        if (R->getString("level") == std::optional<llvm::StringRef>("error") && !R->getArray("suppressions") &&
            R->getString("baselineState") != std::optional<llvm::StringRef>("unchanged"))
          return ExitFindings;
  return ExitClean;
}

} // namespace

llvm::Expected<Report> mergeReports(std::vector<Report> Reports, const std::vector<std::string> &Names) {
  Report Out = std::move(Reports.front());
  llvm::StringSet<> Rules, Units;
  for (const RuleInfo &R : Out.Rules)
    Rules.insert(R.Id);
  for (const TUInfo &T : Out.TranslationUnits)
    Units.insert(T.File + "\n" + T.Directory);
  for (size_t I = 1; I < Reports.size(); ++I) {
    Report &R = Reports[I];
    if (R.SourceRoot != Out.SourceRoot)
      return llvm::createStringError(std::errc::invalid_argument,
                                     "%s: its source root %s differs from %s in %s: shards must share --source-root",
                                     Names[I].c_str(), R.SourceRoot.c_str(), Out.SourceRoot.c_str(), Names[0].c_str());
    if (R.DiffMode != Out.DiffMode || R.DiffBase != Out.DiffBase)
      return llvm::createStringError(std::errc::invalid_argument, "%s: compared against another --diff-base than %s",
                                     Names[I].c_str(), Names[0].c_str());
    // Shards of one tree find the same known fixes (the first shard's evidence then stands for all); shards that
    // disagree audited different trees, and no merge of them could say which fixes the tree carries.
    auto FixIds = [](const Report &X) {
      std::vector<std::string> Ids;
      for (const ReportMitigation &M : X.KnownFixes)
        Ids.push_back(M.Id);
      llvm::sort(Ids);
      return Ids;
    };
    if (FixIds(R) != FixIds(Out))
      return llvm::createStringError(std::errc::invalid_argument,
                                     "%s: found other known fixes than %s: shards must audit the same tree",
                                     Names[I].c_str(), Names[0].c_str());
    for (RuleInfo &Rl : R.Rules)
      if (Rules.insert(Rl.Id).second)
        Out.Rules.push_back(std::move(Rl));
    for (TUInfo &T : R.TranslationUnits)
      if (Units.insert(T.File + "\n" + T.Directory).second)
        Out.TranslationUnits.push_back(std::move(T));
    for (ReportFinding &F : R.Findings)
      Out.Findings.push_back(std::move(F));
    if (R.Calls) {
      if (!Out.Calls)
        Out.Calls.emplace();
      for (ReportCall &C : *R.Calls)
        Out.Calls->push_back(std::move(C));
    }
    Out.Baselined += R.Baselined;
  }
  finalizeFindings(Out);
  finalizeCalls(Out);
  return Out;
}

int runMerge(const CliOptions &Options) {
  std::vector<Report> Reports;
  std::vector<llvm::json::Value> Logs;
  for (const std::string &Name : Options.MergeInputs) {
    // Standard input is the caller's own pipe; a file named on the command line is read as untrusted input.
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    if (Name == "-") {
      llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> In = llvm::MemoryBuffer::getSTDIN();
      if (!In)
        return fail("cannot read standard input: " + In.getError().message());
      Buffer = std::move(*In);
    } else {
      llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> In = readInputFile(Name, MaxReportBytes);
      if (!In)
        return fail("cannot read " + Name + ": " + llvm::toString(In.takeError()));
      Buffer = std::move(*In);
    }
    llvm::StringRef Text = Buffer->getBuffer();
    llvm::Expected<llvm::json::Value> Parsed = parseBoundedJSON(Text);
    if (!Parsed)
      return fail(Name + ": invalid JSON: " + llvm::toString(Parsed.takeError()));
    bool IsSarif = Parsed->getAsObject() && Parsed->getAsObject()->get("runs");
    if (IsSarif) {
      Logs.push_back(std::move(*Parsed));
    } else {
      llvm::Expected<Report> R = readJSONReport(Text, Name);
      if (!R)
        return fail(llvm::toString(R.takeError()));
      Reports.push_back(std::move(*R));
    }
    if (!Logs.empty() && !Reports.empty())
      return fail(Name + ": cannot merge SARIF logs with JSON reports: give reports of one format");
  }

  if (!Logs.empty()) {
    if (Options.FormatGiven && Options.Format != ReportFormat::Sarif)
      return fail("SARIF logs merge into SARIF only (merge the shards' JSON reports for other formats)");
    llvm::Expected<llvm::json::Value> Merged = mergeSARIF(std::move(Logs), Options.MergeInputs);
    if (!Merged)
      return fail(llvm::toString(Merged.takeError()));
    auto Write = [&](llvm::raw_ostream &OS) {
      OS << llvm::formatv("{0:2}", *Merged) << "\n";
      return llvm::Error::success();
    };
    llvm::Error E = Options.OutputPath.empty() ? Write(llvm::outs()) : writeFileAtomically(Options.OutputPath, Write);
    if (!E && Options.OutputPath.empty())
      E = flushStandardOutput();
    if (E)
      return fail(llvm::toString(std::move(E)));
    return exitCodeForSARIF(*Merged);
  }

  llvm::Expected<Report> Merged = mergeReports(std::move(Reports), Options.MergeInputs);
  if (!Merged)
    return fail(llvm::toString(Merged.takeError()));
  ReportFormat Format = Options.FormatGiven ? Options.Format : ReportFormat::Json;
  if (llvm::Error E = writeReport(*Merged, Format, Options.OutputPath, /*Summary=*/true))
    return fail(llvm::toString(std::move(E)));
  return exitCodeFor(*Merged);
}

} // namespace mmio
