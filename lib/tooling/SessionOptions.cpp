#include "tooling/SessionOptions.h"

#include "BuildConfig.h"

#include <memory>

namespace cl = llvm::cl;

namespace mmio {

namespace {

cl::OptionCategory Category("ruleset and compile-command options");

cl::opt<std::string> Rules("rules",
                           cl::desc("Ruleset to check against (default: the built-in rules/hyperv.yaml); the "
                                    "language server reloads it when the editor saves it"),
                           cl::value_desc("FILE"), cl::cat(Category));
cl::list<std::string> Disable("disable", cl::desc("Do not check these rules (repeatable, comma-separated)"),
                              cl::value_desc("RULE"), cl::CommaSeparated, cl::cat(Category));
cl::list<std::string> Enable("enable",
                             cl::desc("Also check these opt-in rules (off by default: `enabled: false` in the ruleset; "
                                      "repeatable, comma-separated)"),
                             cl::value_desc("RULE"), cl::CommaSeparated, cl::cat(Category));
cl::opt<bool> Unknown("unknown",
                      cl::desc("Also report calls a rule cannot decide (a bound the analysis cannot compute)"),
                      cl::cat(Category));
cl::opt<bool> Werror("werror", cl::desc("Report findings as errors, so warnings fail the run (exit 1)"),
                     cl::cat(Category));
cl::list<std::string> DropFlag("drop-flag", cl::desc("Also drop compiler arguments starting with PREFIX (repeatable)"),
                               cl::value_desc("PREFIX"), cl::cat(Category));
cl::list<std::string> ExtraArg("extra-arg", cl::desc("Additional argument to append to each compile command"),
                               cl::value_desc("ARG"), cl::cat(Category));
cl::list<std::string> ExtraArgBefore("extra-arg-before",
                                     cl::desc("Additional argument to prepend to each compile command"),
                                     cl::value_desc("ARG"), cl::cat(Category));
cl::opt<std::string> ResourceDir("resource-dir", cl::desc("Clang's resource directory (builtin headers)"),
                                 cl::value_desc("DIR"), cl::init(MMIO_CLANG_RESOURCE_DIR), cl::Hidden,
                                 cl::cat(Category));

} // namespace

cl::OptionCategory &sessionOptionCategory() { return Category; }

void addSessionOptionsTo(cl::SubCommand &Sub) {
  // Registered at the top level when constructed; registered again with both, as llvm::cl lets a front end do.
  // std::addressof: a cl::list's operator& gives its values.
  cl::Option *const Options[] = {
      &Rules,      std::addressof(Disable),  std::addressof(Enable),   &Unknown,
      &Werror,     std::addressof(DropFlag), std::addressof(ExtraArg), std::addressof(ExtraArgBefore),
      &ResourceDir};
  for (cl::Option *O : Options) {
    if (O->Subs.contains(&cl::SubCommand::getAll()) || O->Subs.contains(&Sub))
      continue;
    O->removeArgument();
    if (O->Subs.empty())
      O->addSubCommand(cl::SubCommand::getTopLevel());
    O->addSubCommand(Sub);
    O->addArgument();
  }
}

AuditSettings sessionSettingsFromCommandLine() {
  AuditSettings S;
  S.RulesPath = Rules;
  S.Disabled.assign(Disable.begin(), Disable.end());
  S.Enabled.assign(Enable.begin(), Enable.end());
  S.ReportUnknown = Unknown;
  S.WarningsAsErrors = Werror;
  return S;
}

FlagCleanupOptions cleanupOptionsFromCommandLine() {
  FlagCleanupOptions C;
  C.DropPrefixes.assign(DropFlag.begin(), DropFlag.end());
  C.ExtraArgs.assign(ExtraArg.begin(), ExtraArg.end());
  C.ExtraArgsBefore.assign(ExtraArgBefore.begin(), ExtraArgBefore.end());
  C.ResourceDir = ResourceDir;
  return C;
}

llvm::Error checkCleanupOptions(const FlagCleanupOptions &Options) {
  for (const std::string &P : Options.DropPrefixes)
    if (P.empty() || P[0] != '-')
      return llvm::createStringError(std::errc::invalid_argument,
                                     "--drop-flag=%s: expected an option prefix starting with '-'", P.c_str());
  return llvm::Error::success();
}

} // namespace mmio
