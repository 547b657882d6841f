#include "Kbuild.h"

#include "Audit.h"
#include "Options.h"
#include "Output.h"
#include "Runner.h"

#include "input/PrintableText.h"
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
                       "Kbuild runs the checker as CHECK CHECKFLAGS c_flags file.c in the object tree. The options\n"
                       "below come first, each as --name, --name=value or --name value; the compile command starts\n"
                       "at the first argument not spelt --name, at sparse's --arch=, or after `--`. Findings go to\n"
                       "standard error as \"file.c:L:C: mmio-audit: warning: ...\". Exit status: 0 (the build goes\n"
                       "on) unless --fatal; mmio-audit's own options or ruleset wrong: 2. Reference: docs/cli.md.\n";

/// Splits what follows `kbuild`: the checker's own options, then the compile command, which starts at the first
/// argument not spelt "--name" (Kbuild's CHECKFLAGS start with -D__linux__), at sparse's --arch=, or after `--`.
/// Every "--name" before it must be one of the subcommand's: llvm::cl would also take the top level's (--fix,
/// --format), which mean nothing here, and a misspelt option must not become a compiler flag dropped unseen.
llvm::Error splitArguments(int Argc, const char **Argv, std::vector<const char *> &Own,
                           std::vector<std::string> &Compile) {
  const llvm::StringMap<cl::Option *> &Known = cl::getRegisteredOptions(KbuildSubCommand);
  int I = 2;
  for (; I < Argc; ++I) {
    llvm::StringRef A = Argv[I];
    if (A == "--") {
      ++I;
      break;
    }
    if (!A.starts_with("--") || A.size() == 2 || A.starts_with("--arch="))
      break;
    llvm::StringRef Name = A.drop_front(2).split('=').first;
    auto Named = Known.find(Name);
    // llvm::cl's own (--help, --version) are not in the subcommand's map.
    bool Generic = Name == "help" || Name == "help-hidden" || Name == "help-list" || Name == "version";
    if (!Generic && (Named == Known.end() || !Named->second->Subs.contains(&KbuildSubCommand)))
      return llvm::createStringError(std::errc::invalid_argument,
                                     "unknown option '%s' (see mmio-audit kbuild --help; a compile command that "
                                     "starts with a \"--\" option goes after `--`)",
                                     A.str().c_str());
    Own.push_back(Argv[I]);
    // `--rules FILE`: the value is the next argument.
    if (!A.contains('=') && Named != Known.end() && Named->second->getValueExpectedFlag() == cl::ValueRequired &&
        I + 1 < Argc)
      Own.push_back(Argv[++I]);
  }
  for (; I < Argc; ++I)
    Compile.push_back(Argv[I]);
  return llvm::Error::success();
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

/// Where --file-output writes: beside the object, which must lie in the object tree (the working directory) once
/// links are resolved; an O= tree links `source` to the source tree, and an argument list is untrusted input.
llvm::Expected<std::string> fileOutputPath(llvm::StringRef Object, llvm::StringRef WorkingDirectory) {
  auto Refuse = [&](llvm::StringRef Why) {
    return llvm::createStringError(std::errc::invalid_argument, "--file-output: the object %s %s: nothing written",
                                   printableText(Object).c_str(), Why.str().c_str());
  };
  if (llvm::is_contained(llvm::make_range(llvm::sys::path::begin(Object), llvm::sys::path::end(Object)), ".."))
    return Refuse("has a '..' in its path");
  std::string Path = absolutePath(Object.str() + ".mmio-audit.json", WorkingDirectory);
  llvm::SmallString<256> RealDirectory, RealTree;
  if (llvm::sys::fs::real_path(llvm::sys::path::parent_path(Path), RealDirectory) ||
      llvm::sys::fs::real_path(WorkingDirectory, RealTree))
    return Refuse("is in a directory that does not exist");
  if (!isUnderRoot(RealDirectory, RealTree))
    return Refuse(("is outside the object tree " + WorkingDirectory).str());
  llvm::sys::path::append(RealDirectory, llvm::sys::path::filename(Path));
  return std::string(RealDirectory);
}

/// The first line of a unit's errors that says what is wrong (not "In file included from ...").
std::string firstError(llvm::StringRef Errors) {
  llvm::SmallVector<llvm::StringRef, 8> Lines;
  Errors.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef L : Lines)
    if (!L.starts_with("In file included from") && !L.ltrim().starts_with("from ") && L.contains("error: "))
      return L.str();
  return "";
}

} // namespace

int runKbuild(int Argc, const char **Argv) {
  std::vector<const char *> Own{Argv[0], Argv[1]};
  std::vector<std::string> Compile;
  addSessionOptionsTo(KbuildSubCommand);
  if (llvm::Error E = splitArguments(Argc, Argv, Own, Compile))
    return configurationError(llvm::toString(std::move(E)));

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

  AuditSettings Settings = sessionSettingsFromCommandLine();
  Settings.AbsoluteRulesetPaths = true;
  FlagCleanupOptions Cleanup = cleanupOptionsFromCommandLine();
  if (llvm::Error E = checkCleanupOptions(Cleanup))
    return configurationError(llvm::toString(std::move(E)));
  llvm::Expected<AuditSession> Session = AuditSession::load(Settings);
  if (!Session)
    return reportSessionLoadError(Session.takeError());

  llvm::SmallString<256> WorkingDirectory;
  if (std::error_code EC = llvm::sys::fs::current_path(WorkingDirectory))
    return configurationError("cannot tell the current directory: " + EC.message());
  std::string Root = sourceRootFrom(SourceRoot, WorkingDirectory);

  // What the unit came to: said on standard error, and with --file-output in its report beside the object.
  int Code = ExitClean;
  auto Deliver = [&](std::string Object, TUInfo Info, std::vector<ReportFinding> Findings) {
    if (Info.Status == TUStatus::Failed) {
      std::string First = firstError(Info.Errors);
      llvm::errs() << "mmio-audit: error: " << printableText(Info.File.empty() ? Object : Info.File)
                   << (Info.File.empty() && Object.empty() ? "" : ": not analysed: ")
                   << printableText(Info.Reason + (First.empty() ? "" : " (" + First + ")")) << "\n";
      Code = IsFatal ? ExitFailure : ExitClean;
    }
    if (!FileOutput || Object.empty())
      return Code;
    llvm::Expected<std::string> Path = fileOutputPath(Object, WorkingDirectory);
    if (!Path) {
      llvm::errs() << "mmio-audit: error: " << llvm::toString(Path.takeError()) << "\n";
      return IsFatal ? ExitFailure : Code;
    }
    Report R = emptyReport(Session->rules(), Root);
    // No source file to name: the unit is known by its object.
    Info.File = absolutePath(Info.File.empty() ? Object : Info.File, WorkingDirectory);
    if (Info.Directory.empty())
      Info.Directory = std::string(WorkingDirectory);
    R.TranslationUnits.push_back(std::move(Info));
    R.Findings = std::move(Findings);
    finalizeFindings(R);
    if (llvm::Error E = writeReport(R, ReportFormat::Json, *Path, /*Summary=*/true)) {
      llvm::errs() << "mmio-audit: error: " << llvm::toString(std::move(E)) << "\n";
      return IsFatal ? ExitFailure : Code;
    }
    return Code;
  };
  auto Rejected = [&](std::string Object, std::string File, std::string Why) {
    TUInfo Info;
    Info.File = std::move(File);
    Info.Status = TUStatus::Failed;
    Info.Reason = std::move(Why);
    return Deliver(std::move(Object), std::move(Info), {});
  };

  llvm::Expected<KbuildCommand> Command = parseKbuildCommand(Compile, Cleanup.ExtraArgs);
  if (!Command)
    return Rejected(kbuildObject(Compile), "", llvm::toString(Command.takeError()));
  // Not run by Kbuild (no dependency file named): the object a compiler would write here.
  std::string Object = Command->Object;
  if (Object.empty()) {
    llvm::SmallString<128> Name(llvm::sys::path::filename(Command->Source));
    llvm::sys::path::replace_extension(Name, "o");
    Object = std::string(Name);
  }
  std::string Source = absolutePath(Command->Source, WorkingDirectory);
  if (!llvm::sys::fs::is_regular_file(Source))
    return Rejected(Object, Command->Source, "no such file");

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
  if (IsFatal && llvm::any_of(Outcome.Findings, [](const ReportFinding &F) { return F.active(); }))
    Code = ExitFindings;
  // Named as Kbuild named it, not by its absolute path.
  if (Outcome.Info.Status == TUStatus::Failed)
    Outcome.Info.File = Command->Source;
  return Deliver(Object, std::move(Outcome.Info), std::move(Outcome.Findings));
}

} // namespace mmio
