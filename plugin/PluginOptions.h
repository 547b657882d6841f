// The plugin's arguments (-fplugin-arg-mmio_audit-KEY[=VALUE]) and their parsing.
#ifndef MMIO_AUDIT_PLUGIN_PLUGINOPTIONS_H
#define MMIO_AUDIT_PLUGIN_PLUGINOPTIONS_H

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mmio {

struct PluginOptions {
  std::string RulesPath;             // empty: the built-in ruleset
  bool WarningsAsErrors = false;     // werror
  bool ReportUnknown = false;        // unknown
  std::vector<std::string> Disabled; // disable=ID[,ID...]
  bool ListCalls = false;            // list-calls
  bool Help = false;                 // help
};

/// Parses the arguments clang hands the plugin; an unknown or malformed one is an error naming it.
llvm::Expected<PluginOptions> parsePluginOptions(const std::vector<std::string> &Args);

/// What `-fplugin-arg-mmio_audit-help` prints.
const char *pluginHelpText();

} // namespace mmio

#endif
