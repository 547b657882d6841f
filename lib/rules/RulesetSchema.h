// Version 1 of the ruleset schema (rules/README.md): which keys each mapping has, what they mean, how they relate.
#ifndef MMIO_AUDIT_RULES_RULESETSCHEMA_H
#define MMIO_AUDIT_RULES_RULESETSCHEMA_H

#include "rules/Ruleset.h"

#include "llvm/Support/Error.h"

namespace YAML {
class Node;
} // namespace YAML

namespace mmio {

class FieldReader;

/// Reads the mapping at the top of a ruleset document, stopping at the first problem. May throw what yaml-cpp
/// throws: call it from readYamlDocument's callback.
llvm::Expected<Ruleset> readRuleset(FieldReader &In, const YAML::Node &Top);

} // namespace mmio

#endif
