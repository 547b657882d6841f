#include "Kbuild.h"

#include "Audit.h"
#include "Options.h"
#include "Output.h"
#include "Runner.h"

#include "input/PrintableText.h"
#include "rules/RulesetError.h"
#include "source/FileLocation.h"
#include "tooling/KbuildCommand.h"
#include "tooling/SessionOptions.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;

namespace mmio {

namespace {

cl::OptionCategory Category("mmio-audit kbuild options");
cl::SubCommand KbuildSubCommand("kbuild",
                                "Audit one unit as Kbuild's source checker: make C=1 CHECK=\"mmio-audit kbuild\"");

cl::opt<bool> Fatal("fatal",
                    cl::desc("Fail the object on a finding (exit 1) or on a unit that cannot be analysed (exit 2); "
                             "by default the build goes on (exit 0)"),
                    cl::cat(Category), cl::sub(KbuildSubCommand));
cl::opt<bool> FileOutput("file-output",
                         cl::desc("Also write the unit's JSON report to OBJECT.mmio-audit.json beside the object "
                                  "(join them with mmio-audit merge)"),
                         cl::cat(Category), cl::sub(KbuildSubCommand));
cl::opt<std::string> SourceRoot("source-root",
                                cl::desc("Root of the source tree, for the JSON report's file names (default: "
                                         "Kbuild's $srctree, else the current directory)"),
                                cl::value_desc("DIR"), cl::cat(Category), cl::sub(KbuildSubCommand));

const char *Overview = "mmio-audit kbuild: audit the unit Kbuild's source-checker hook names\n"
                       "\n"
                       "  make C=1 CHECK=\"mmio-audit kbuild [options]\"      units being recompiled\n"
                       "  make C=2 CHECK=\"mmio-audit kbuild [options]\"      every unit visited\n"
                       "\n"
                       "Kbuild runs the checker as CHECK CHECKFLAGS c_flags file.c in the object tree. The options "
                       "above\ncome first, each as --name or --name=value; the compile command starts at the first "
                       "argument\nthat is not one of them (or after `--`). Findings go to standard error as "
                       "\"file.c:L:C: mmio-audit:\nwarning: ...\". Exit status: 0 (the build goes on) unless "
                       "--fatal; mmio-audit's own options\nor ruleset wrong: 2. Reference: docs/cli.md.\n";

/// Splits what follows `kbuild`: the checker's own options, then the compile command.
void splitArguments(int Argc, const char **Argv, std::vector<const char *> &Own, std::vector<std::string> &Compile) {
  const llvm::StringMap<cl::Option *> &Known = cl::getRegisteredOptions(KbuildSubCommand);
  int I = 2;
  for (; I < Argc; ++I) {
    llvm::StringRef A = Argv[I];
    if (A == "--") {
      ++I;
      break;
    }
    if (!A.starts_with("--") || A.size() == 2)
      break;
    // An option of ours, or a misspelt one (which llvm::cl names), unless the compile command has begun.
    llvm::StringRef Name = A.drop_front(2).split('=').first;
    auto Named = Known.find(Name);
    // llvm::cl's own (--help, --version) count as ours though they are not in the subcommand's map.
    bool Generic = Name == "help" || Name == "help-hidden" || Name == "help-list" || Name == "version";
    if (Named == Known.end() && !Generic && isCompileCommandOption(A))
      break;
    Own.push_back(Argv[I]);
    // `--rules FILE`: the value is the next argument.
    if (!A.contains('=') && Named != Known.end() && Named->second->getValueExpectedFlag() == cl::ValueRequired &&
        I + 1 < Argc)
      Own.push_back(Argv[++I]);
  }
  for (; I < Argc; ++I)
    Compile.push_back(Argv[I]);
}

int configurationError(const llvm::Twine &Message) {
  llvm::errs() << "mmio-audit: error: " << Message << "\n";
  return ExitFailure;
}

/// The source root: the option, else Kbuild's exported $srctree (relative to the object tree), else here.
std::string sourceRootFrom(llvm::StringRef Option, llvm::StringRef WorkingDirectory) {
  std::string Root = Option.str();
  if (Root.empty())
    if (std::optional<std::string> SrcTree = llvm::sys::Process::GetEnv("srctree"))
      Root = *SrcTree;
  if (Root.empty())
    Root = ".";
  return absolutePath(Root, WorkingDirectory);
}

/// Where --file-output writes: beside the object, which must lie in the object tree (the working directory).
llvm::Expected<std::string> fileOutputPath(const KbuildCommand &Command, llvm::StringRef WorkingDirectory) {
  std::string Object = Command.Object;
  if (Object.empty()) {
    // Not run by Kbuild (no dependency file named): the object a compiler would write here.
    llvm::SmallString<128> Name(llvm::sys::path::filename(Command.Source));
    llvm::sys::path::replace_extension(Name, "o");
    Object = std::string(Name);
  }
  std::string Path = absolutePath(Object + ".mmio-audit.json", WorkingDirectory);
  if (!isUnderRoot(Path, WorkingDirectory))
    return llvm::createStringError(std::errc::invalid_argument,
                                   "--file-output: the object %s is outside the object tree %s: nothing written",
                                   Object.c_str(), WorkingDirectory.str().c_str());
  return Path;
}

} // namespace

int runKbuild(int Argc, const char **Argv) {
  std::vector<const char *> Own{Argv[0], Argv[1]};
  std::vector<std::string> Compile;
  addSessionOptionsTo(KbuildSubCommand);
  splitArguments(Argc, Argv, Own, Compile);

  cl::HideUnrelatedOptions({&Category, &sessionOptionCategory()}, KbuildSubCommand);
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) { OS << versionString() << "\n"; });
  std::string Errors;
  llvm::raw_string_ostream ErrOS(Errors);
  if (!cl::ParseCommandLineOptions(static_cast<int>(Own.size()), Own.data(), Overview, &ErrOS)) {
    llvm::StringRef First = llvm::StringRef(ErrOS.str()).trim().split('\n').first;
    if (First.empty()) // llvm::cl said it on standard error itself ("for the --rules option: requires a value!")
      return ExitFailure;
    First.consume_front("mmio-audit kbuild: ");
    First.consume_front("mmio-audit: ");
    return configurationError(First.substr(0, First.find("  Try: ")).rtrim() + " (see mmio-audit kbuild --help)");
  }
  bool IsFatal = Fatal;
  int UnitProblem = IsFatal ? ExitFailure : ExitClean;

  AuditSettings Settings = sessionSettingsFromCommandLine();
  Settings.AbsoluteRulesetPaths = true;
  FlagCleanupOptions Cleanup = cleanupOptionsFromCommandLine();
  if (llvm::Error E = checkCleanupOptions(Cleanup))
    return configurationError(llvm::toString(std::move(E)));
  llvm::Expected<AuditSession> Session = AuditSession::load(Settings);
  if (!Session) {
    llvm::handleAllErrors(
        Session.takeError(), [](const RulesetError &E) { llvm::errs() << E.message() << "\n"; },
        [](const llvm::ErrorInfoBase &E) { configurationError(E.message()); });
    return ExitFailure;
  }

  llvm::SmallString<256> WorkingDirectory;
  if (std::error_code EC = llvm::sys::fs::current_path(WorkingDirectory))
    return configurationError("cannot tell the current directory: " + EC.message());
  llvm::Expected<KbuildCommand> Command = parseKbuildCommand(Compile);
  if (!Command) {
    llvm::errs() << "mmio-audit: error: " << printableText(llvm::toString(Command.takeError())) << "\n";
    return UnitProblem;
  }
  std::string Source = absolutePath(Command->Source, WorkingDirectory);
  std::string Root = sourceRootFrom(SourceRoot, WorkingDirectory);
  auto UnitError = [&](const llvm::Twine &Why) {
    llvm::errs() << "mmio-audit: error: " << printableText(Command->Source) << ": not analysed: " << Why << "\n";
    return UnitProblem;
  };
  if (!llvm::sys::fs::is_regular_file(Source))
    return UnitError("no such file");

  TUJob Job;
  Job.File = Source;
  Job.Command = clang::tooling::CompileCommand(WorkingDirectory, Command->Source, Command->CompilerArgs, "");
  RunOptions Run;
  Run.Colors = llvm::errs().has_colors();
  Run.TextPrefix = "mmio-audit";
  Run.SourceRoot = Root;
  Run.Jobs = 1;
  Run.Cleanup = Cleanup;
  Runner Analyser(*Session, Run);
  TUOutcome Outcome = Analyser.runOne(Job);

  for (const ReportFinding &F : Outcome.Findings)
    if (!F.Suppressed)
      llvm::errs() << F.Rendered;
  int Code = ExitClean;
  if (Outcome.Info.Status == TUStatus::Failed) {
    llvm::StringRef FirstError = llvm::StringRef(Outcome.Info.Errors).split('\n').first;
    Code = UnitError(Outcome.Info.Reason + (FirstError.empty() ? "" : " (" + FirstError + ")"));
  } else if (IsFatal && llvm::any_of(Outcome.Findings, [](const ReportFinding &F) { return F.active(); })) {
    Code = ExitFindings;
  }

  if (FileOutput) {
    llvm::Expected<std::string> Path = fileOutputPath(*Command, WorkingDirectory);
    if (!Path) {
      llvm::errs() << "mmio-audit: error: " << printableText(llvm::toString(Path.takeError())) << "\n";
      return IsFatal ? ExitFailure : Code;
    }
    Report R = emptyReport(Session->rules(), Root);
    R.TranslationUnits.push_back(Outcome.Info);
    R.Findings = std::move(Outcome.Findings);
    finalizeFindings(R);
    if (llvm::Error E = writeReport(R, ReportFormat::Json, *Path, /*Summary=*/true)) {
      llvm::errs() << "mmio-audit: error: " << llvm::toString(std::move(E)) << "\n";
      return IsFatal ? ExitFailure : Code;
    }
  }
  return Code;
}

} // namespace mmio
