#include "tooling/FlagCleanup.h"

#include "clang/Driver/Options.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/Path.h"
#include "llvm/TargetParser/Triple.h"

#include <set>

namespace mmio {

namespace {

// What a GCC kernel build passes that clang 19 rejects. Flags clang's driver does not know at all are dropped
// anyway (below); these are listed so the cleanup is documented, and some (the target-specific ones) clang does
// know but refuses.
const GccFlagRule Rules[] = {
    {"-fconserve-stack", nullptr, "GCC stack-usage heuristic; unknown to clang"},
    {"-fno-allow-store-data-races", nullptr, "GCC optimisation control; unknown to clang"},
    {"-fallow-store-data-races", nullptr, "GCC optimisation control; unknown to clang"},
    {"-mrecord-mcount", nullptr, "ftrace; clang accepts it only for s390x"},
    {"-mindirect-branch-register", nullptr, "retpoline detail; unknown to clang"},
    {"-mindirect-branch=thunk-extern", "-mretpoline-external-thunk", "retpolines, as the kernel spells them for clang"},
    {"-mindirect-branch=", nullptr, "other retpoline modes; unknown to clang"},
    {"-mpreferred-stack-boundary=", "-mstack-alignment=%s", "2^N bytes, as the kernel spells it for clang"},
    {"-fno-var-tracking-assignments", nullptr, "debug-info tuning; unknown to clang"},
    {"-fvar-tracking-assignments", nullptr, "debug-info tuning; unknown to clang"},
    {"-fmin-function-alignment=", nullptr, "code alignment; unknown to clang 19"},
    {"-fsanitize=bounds-strict", nullptr, "GCC-only sanitizer; other -fsanitize= values are kept"},
    {"-fplugin=", nullptr, "GCC plugins (scripts/gcc-plugins), or any plugin: never loaded for analysis"},
    {"-fplugin-arg-", nullptr, "arguments of the dropped plugins"},
    {"-mabi=lp64", nullptr, "arm64 only: GCC's name of the default ABI, unknown to clang for aarch64"},
    {"-fno-ipa-sra", nullptr, "GCC interprocedural optimisation; unknown to clang"},
    {"-fno-ipa-cp-clone", nullptr, "GCC interprocedural optimisation; unknown to clang"},
    {"-fno-ipa-bit-cp", nullptr, "GCC interprocedural optimisation; unknown to clang"},
    {"-fno-partial-inlining", nullptr, "GCC inlining control; unknown to clang"},
    {"-fno-tree-loop-im", nullptr, "GCC optimisation control; unknown to clang"},
    {"-fno-code-hoisting", nullptr, "GCC optimisation control; unknown to clang"},
    {"-fasan-shadow-offset=", nullptr, "KASAN with GCC; unknown to clang"},
    {"-fsched-pressure", nullptr, "GCC scheduling; unknown to clang"},
    {"-fzero-init-padding-bits=", nullptr, "GCC 15 initialisation control; unknown to clang 19"},
    {"-fdiagnostics-show-context", nullptr, "GCC diagnostics; unknown to clang"},
    {"-Wp,-MD,", nullptr, "dependency file: analysis writes nothing into the build tree"},
    {"-Wp,-MMD,", nullptr, "dependency file: analysis writes nothing into the build tree"},
};

const char *const Launchers[] = {"ccache", "sccache", "distcc", "icecc"};

bool matches(llvm::StringRef Arg, llvm::StringRef Flag) {
  return Flag.ends_with("=") || Flag.ends_with("-") || Flag.ends_with(",") ? Arg.starts_with(Flag) : Arg == Flag;
}

/// The target the command compiles for: an explicit --target, else what the compiler's name says.
llvm::Triple targetOf(const std::vector<std::string> &Args) {
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (A.consume_front("--target=") || A.consume_front("-target="))
      return llvm::Triple(A);
    if ((A == "-target" || A == "--target") && I + 1 < Args.size())
      return llvm::Triple(Args[I + 1]);
  }
  if (Args.empty())
    return llvm::Triple();
  llvm::StringRef Name = llvm::sys::path::filename(Args[0]);
  size_t Dash = Name.rfind('-');
  // aarch64-linux-gnu-gcc, aarch64-linux-gnu-gcc-12
  while (Dash != llvm::StringRef::npos && Dash > 0) {
    llvm::Triple T(Name.substr(0, Dash));
    if (T.getArch() != llvm::Triple::UnknownArch)
      return T;
    Dash = Name.rfind('-', Dash - 1);
    if (Dash == llvm::StringRef::npos)
      break;
  }
  return llvm::Triple();
}

/// Applies the known-flag table; returns false when the argument is dropped.
bool applyRules(std::string &Arg, const llvm::Triple &Target, CleanedCommand &Out) {
  llvm::StringRef A = Arg;
  if (A.starts_with("-fsanitize=")) {
    // Keep the sanitizers clang knows; only GCC's bounds-strict goes.
    llvm::SmallVector<llvm::StringRef, 4> Kinds;
    A.drop_front(strlen("-fsanitize=")).split(Kinds, ',');
    std::string Kept;
    for (llvm::StringRef K : Kinds)
      if (K != "bounds-strict" && !K.empty())
        Kept += (Kept.empty() ? "" : ",") + K.str();
    if (Kept.size() + strlen("-fsanitize=") == A.size())
      return true;
    if (Kept.empty()) {
      Out.Dropped.push_back(Arg);
      return false;
    }
    Out.Translated.push_back(Arg + " -> -fsanitize=" + Kept);
    Arg = "-fsanitize=" + Kept;
    return true;
  }
  for (const GccFlagRule &R : Rules) {
    if (!matches(A, R.Flag))
      continue;
    if (llvm::StringRef(R.Flag) == "-mabi=lp64" && !Target.isAArch64())
      return true;
    if (!R.Replacement) {
      Out.Dropped.push_back(Arg);
      return false;
    }
    std::string New = R.Replacement;
    if (llvm::StringRef(R.Flag) == "-mpreferred-stack-boundary=") {
      unsigned Log2 = 0;
      if (A.drop_front(strlen(R.Flag)).getAsInteger(10, Log2) || Log2 > 12) {
        Out.Dropped.push_back(Arg);
        return false;
      }
      New = "-mstack-alignment=" + std::to_string(1u << Log2);
    }
    Out.Translated.push_back(Arg + " -> " + New);
    Arg = New;
    return true;
  }
  return true;
}

/// Drops the options clang's driver does not know at all: GCC-only flags not in the table, so a newer GCC's
/// flags do not stop the analysis. Unknown options cannot change what clang parses, since clang would refuse them.
void dropUnknownOptions(std::vector<std::string> &Args, CleanedCommand &Out) {
  std::vector<const char *> Argv;
  for (size_t I = 1; I < Args.size(); ++I)
    Argv.push_back(Args[I].c_str());
  const llvm::opt::OptTable &Table = clang::driver::getDriverOptTable();
  unsigned MissingIndex = 0, MissingCount = 0;
  llvm::opt::InputArgList Parsed =
      Table.ParseArgs(Argv, MissingIndex, MissingCount, llvm::opt::Visibility(clang::driver::options::ClangOption));
  std::set<unsigned> Unknown;
  for (const llvm::opt::Arg *A : Parsed.filtered(clang::driver::options::OPT_UNKNOWN))
    Unknown.insert(A->getIndex() + 1);
  if (Unknown.empty())
    return;
  std::vector<std::string> Kept;
  for (size_t I = 0; I < Args.size(); ++I) {
    if (Unknown.count(I))
      Out.Dropped.push_back(Args[I]);
    else
      Kept.push_back(std::move(Args[I]));
  }
  Args = std::move(Kept);
}

} // namespace

llvm::ArrayRef<GccFlagRule> gccFlagRules() { return Rules; }

CleanedCommand cleanCommandLine(std::vector<std::string> Args, const FlagCleanupOptions &Options) {
  CleanedCommand Out;
  while (Args.size() > 1 && llvm::is_contained(Launchers, llvm::sys::path::stem(Args[0])))
    Args.erase(Args.begin());
  if (Args.empty())
    return Out;
  llvm::Triple Target = targetOf(Args);

  std::vector<std::string> Kept{Args[0]};
  for (size_t I = 1; I < Args.size(); ++I) {
    std::string Arg = std::move(Args[I]);
    if (llvm::any_of(Options.DropPrefixes, [&](const std::string &P) { return llvm::StringRef(Arg).starts_with(P); })) {
      Out.Dropped.push_back(Arg);
      continue;
    }
    if (applyRules(Arg, Target, Out))
      Kept.push_back(std::move(Arg));
  }

  using namespace clang::tooling;
  ArgumentsAdjuster Adjust =
      combineAdjusters(combineAdjusters(getClangStripOutputAdjuster(), getClangStripDependencyFileAdjuster()),
                       combineAdjusters(getStripPluginsAdjuster(), getClangSyntaxOnlyAdjuster()));
  Kept = Adjust(Kept, "");
  // Warnings are not what this run is for: -w also disarms a -Werror the build uses (CONFIG_WERROR), so a warning
  // clang has and GCC had not cannot fail the unit.
  // Everything added goes before a `--`, after which the driver reads only input files.
  std::vector<std::string> Added{"-Wno-unknown-warning-option", "-w"};
  Added.insert(Added.end(), Options.ExtraArgs.begin(), Options.ExtraArgs.end());
  Kept.insert(llvm::find(Kept, "--"), Added.begin(), Added.end());
  Kept.insert(Kept.begin() + 1, Options.ExtraArgsBefore.begin(), Options.ExtraArgsBefore.end());
  bool HasResourceDir = llvm::any_of(Kept, [](const std::string &A) {
    return A == "-resource-dir" || llvm::StringRef(A).starts_with("-resource-dir=");
  });
  if (!HasResourceDir && !Options.ResourceDir.empty())
    Kept.insert(Kept.begin() + 1, "-resource-dir=" + Options.ResourceDir);
  // aarch64-linux-gnu-gcc means --target=aarch64-linux-gnu (a --target already there wins).
  addTargetAndModeForProgramName(Kept, Kept[0]);
  dropUnknownOptions(Kept, Out);
  Out.Args = std::move(Kept);
  return Out;
}

} // namespace mmio
