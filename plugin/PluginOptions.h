// The plugin's arguments (-fplugin-arg-mmio_audit-KEY[=VALUE]) and their parsing.
#ifndef MMIO_AUDIT_PLUGIN_PLUGINOPTIONS_H
#define MMIO_AUDIT_PLUGIN_PLUGINOPTIONS_H

#include "session/AuditSession.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mmio {

struct PluginOptions {
  AuditSettings Settings; // rules=FILE, werror, unknown, disable=ID[,ID...]
  bool ListCalls = false; // list-calls
  bool Help = false;      // help
};

/// Parses the arguments clang hands the plugin; an unknown or malformed one is an error naming it.
llvm::Expected<PluginOptions> parsePluginOptions(const std::vector<std::string> &Args);

/// What `-fplugin-arg-mmio_audit-help` prints.
const char *pluginHelpText();

} // namespace mmio

#endif
