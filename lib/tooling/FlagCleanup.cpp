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

#include <utility>

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

/// Whether an option may reach clang. A compile command comes from whoever wrote the build (in CI, a patch's
/// author), and clang has options that write files (--serialize-diagnostics, -MF, -ftime-trace), create
/// directories (-fmodules-cache-path), load code (-fpass-plugin) or pass anything on (-Xclang, -mllvm, -Wp,). So
/// only what can change how the unit parses is kept: inputs, macros and include paths, the language standard, the
/// target and its -m features, optimisation and debug levels (they define macros), warnings, and -f language
/// options, of which those whose name says they touch a file, directory, cache, plugin or profile are dropped too.
bool allowedForAnalysis(const llvm::opt::Option &Opt) {
  using namespace clang::driver::options;
  llvm::opt::Option O = Opt.getUnaliasedOption();
  switch (O.getID()) {
  case OPT_INPUT:
  case OPT__DASH_DASH:
  case OPT_D:
  case OPT_U:
  case OPT_std_EQ:
  case OPT_x:
  case OPT_ansi:
  case OPT_target:
  case OPT__sysroot_EQ:
  case OPT_nostdinc:
  case OPT_nostdincxx:
  case OPT_nostdlibinc:
  case OPT_nobuiltininc:
  case OPT_w:
  case OPT_c:
  case OPT_fsyntax_only:
  case OPT_pg:
  case OPT_pipe:
  case OPT_Qunused_arguments:
  case OPT_resource_dir:
  case OPT_resource_dir_EQ:
    return true;
  default:
    break;
  }
  for (llvm::opt::Option G = O.getGroup(); G.isValid(); G = G.getGroup()) {
    switch (G.getID()) {
    case OPT_I_Group:       // -I
    case OPT_clang_i_Group: // -isystem, -idirafter, -iquote, -include, -imacros, -isysroot
    case OPT_m_Group:       // target features and ABI (-mllvm is not in it)
    case OPT_Diag_Group:    // -W, -R
    case OPT_pedantic_Group:
    case OPT_O_Group:
    case OPT_DebugInfo_Group:
      return true;
    case OPT_f_Group:
    case OPT_f_clang_Group: {
      static const char *const Touches[] = {"module", "plugin", "profile", "crash", "time-trace", "proc-stat",
                                            "record", "save-",  "list",    "file",  "dir",        "path",
                                            "embed",  "xray",   "cache",   "lto",   "sections"};
      llvm::StringRef Name = O.getName();
      return llvm::none_of(Touches, [&](const char *T) { return Name.contains(T); });
    }
    default:
      break;
    }
  }
  return false;
}

/// Keeps the options that may reach clang (allowedForAnalysis) and drops the rest, each with its values, as
/// clang's driver parses them: options it does not know at all (GCC-only flags not in the table, so a newer GCC's
/// flags do not stop the analysis) and what could write, load or pass anything on.
void keepAllowedOptions(std::vector<std::string> &Args, CleanedCommand &Out) {
  std::vector<const char *> Argv;
  for (size_t I = 1; I < Args.size(); ++I)
    Argv.push_back(Args[I].c_str());
  const llvm::opt::OptTable &Table = clang::driver::getDriverOptTable();
  unsigned MissingIndex = 0, MissingCount = 0;
  llvm::opt::InputArgList Parsed =
      Table.ParseArgs(Argv, MissingIndex, MissingCount, llvm::opt::Visibility(clang::driver::options::ClangOption));
  // Each parsed argument spans from its index to the next one's (its separate values included); what follows an
  // option left without its value is not parsed at all, and goes too.
  std::vector<std::pair<unsigned, bool>> Starts; // index in Args, allowed
  for (const llvm::opt::Arg *A : Parsed)
    Starts.push_back({A->getIndex() + 1, allowedForAnalysis(A->getOption())});
  llvm::sort(Starts);
  size_t End = MissingCount ? MissingIndex + 1 : Args.size();
  std::vector<bool> Drop(Args.size(), false);
  auto DropSpan = [&](size_t From, size_t Until) {
    std::string Text;
    for (size_t I = From; I < Until && I < Args.size(); ++I) {
      Drop[I] = true;
      Text += (Text.empty() ? "" : " ") + Args[I];
    }
    if (!Text.empty())
      Out.Dropped.push_back(std::move(Text));
  };
  for (size_t K = 0; K < Starts.size(); ++K)
    if (!Starts[K].second)
      DropSpan(Starts[K].first, K + 1 < Starts.size() ? Starts[K + 1].first : End);
  DropSpan(End, Args.size());
  std::vector<std::string> Kept;
  for (size_t I = 0; I < Args.size(); ++I)
    if (!Drop[I])
      Kept.push_back(std::move(Args[I]));
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

  // What the database asked for is filtered; what the user adds below (--extra-arg) is theirs to choose.
  keepAllowedOptions(Kept, Out);

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
  Out.Args = std::move(Kept);
  return Out;
}

} // namespace mmio
