// Fuzzes the ruleset loader with arbitrary bytes: it must return a ruleset or an error, never crash, hang or leak.
#include "rules/RulesetLoader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  llvm::Expected<mmio::Ruleset> Rules = mmio::parseRuleset(Text, "fuzz.yaml");
  if (!Rules)
    llvm::consumeError(Rules.takeError());
  return 0;
}
