// Loads and validates YAML rulesets; every problem becomes a RulesetError naming the file, line and column.
#ifndef MMIO_AUDIT_RULES_RULESETLOADER_H
#define MMIO_AUDIT_RULES_RULESETLOADER_H

#include "rules/Ruleset.h"

#include "llvm/Support/Error.h"

namespace mmio {

/// The name under which the compiled-in ruleset is reported.
constexpr const char *BuiltinRulesetName = "<builtin>/hyperv.yaml";

/// The text of rules/hyperv.yaml as it was at build time.
llvm::StringRef builtinRulesetText();

/// Parses and validates a ruleset held in memory; `Name` is used in error locations.
llvm::Expected<Ruleset> parseRuleset(llvm::StringRef Text, llvm::StringRef Name);

/// Reads and validates the ruleset at `Path`.
llvm::Expected<Ruleset> loadRulesetFile(llvm::StringRef Path);

/// The compiled-in ruleset (rules/hyperv.yaml).
llvm::Expected<Ruleset> loadBuiltinRuleset();

} // namespace mmio

#endif
