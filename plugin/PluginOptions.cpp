#include "PluginOptions.h"

#include "llvm/ADT/StringRef.h"

namespace mmio {

const char *pluginHelpText() {
  return "mmio_audit plugin arguments (pass as -fplugin-arg-mmio_audit-ARG):\n"
         "  rules=FILE       check against the ruleset FILE instead of the built-in rules/hyperv.yaml\n"
         "  werror           report findings as errors\n"
         "  disable=ID[,ID]  do not check the rules with these ids (repeatable)\n"
         "  enable=ID[,ID]   also check these opt-in rules (`enabled: false` in the ruleset; repeatable)\n"
         "  unknown          also report calls a rule cannot decide\n"
         "  list-calls       list every allocator call with its bounds (as remarks)\n"
         "  help             print this text\n";
}

llvm::Expected<PluginOptions> parsePluginOptions(const std::vector<std::string> &Args) {
  PluginOptions O;
  for (const std::string &Arg : Args) {
    auto [Key, Value] = llvm::StringRef(Arg).split('=');
    bool HasValue = Arg.find('=') != std::string::npos;
    auto NeedsValue = [&]() -> llvm::Error {
      if (!HasValue || Value.empty())
        return llvm::createStringError("plugin argument '%s' needs a value (%s=...)", Key.str().c_str(),
                                       Key.str().c_str());
      return llvm::Error::success();
    };
    auto TakesNoValue = [&]() -> llvm::Error {
      if (HasValue)
        return llvm::createStringError("plugin argument '%s' takes no value", Key.str().c_str());
      return llvm::Error::success();
    };
    if (Key == "rules") {
      if (llvm::Error E = NeedsValue())
        return std::move(E);
      O.Settings.RulesPath = Value.str();
    } else if (Key == "disable" || Key == "enable") {
      if (llvm::Error E = NeedsValue())
        return std::move(E);
      // Every id given must be a rule's: an empty one (`disable=,,,`, `disable=a,,b`) is a typo, not a no-op.
      llvm::SmallVector<llvm::StringRef, 4> Ids;
      Value.split(Ids, ',', -1, /*KeepEmpty=*/true);
      for (llvm::StringRef Id : Ids) {
        if (Id.trim().empty())
          return llvm::createStringError("plugin argument '%s=%s' has an empty rule id (expected %s=ID[,ID...])",
                                         Key.str().c_str(), Value.str().c_str(), Key.str().c_str());
        (Key == "disable" ? O.Settings.Disabled : O.Settings.Enabled).push_back(Id.trim().str());
      }
    } else if (Key == "werror") {
      if (llvm::Error E = TakesNoValue())
        return std::move(E);
      O.Settings.WarningsAsErrors = true;
    } else if (Key == "unknown") {
      if (llvm::Error E = TakesNoValue())
        return std::move(E);
      O.Settings.ReportUnknown = true;
    } else if (Key == "list-calls") {
      if (llvm::Error E = TakesNoValue())
        return std::move(E);
      O.ListCalls = true;
    } else if (Key == "help") {
      O.Help = true;
    } else {
      return llvm::createStringError("unknown plugin argument '%s' (expected rules=FILE, werror, disable=ID, "
                                     "enable=ID, unknown, list-calls or help)",
                                     Arg.c_str());
    }
  }
  return O;
}

} // namespace mmio
