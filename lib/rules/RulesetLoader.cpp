// Where a ruleset comes from (memory, a file, the compiled-in one); YamlDocument and RulesetSchema do the reading.
#include "rules/RulesetLoader.h"
#include "input/InputFile.h"
#include "rules/RulesetError.h"
#include "rules/RulesetSchema.h"
#include "rules/YamlDocument.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;

namespace mmio {

static std::string lowercaseFirst(std::string S) {
  if (!S.empty())
    S[0] = toLower(S[0]);
  return S;
}

Expected<Ruleset> parseRuleset(StringRef Text, StringRef Name) {
  Ruleset Result;
  if (Error E = readYamlDocument(
          Text, Name, [&](FieldReader &In, const YAML::Node &Top) { return readRuleset(In, Top).moveInto(Result); }))
    return E;
  return Result;
}

Expected<Ruleset> loadRulesetFile(StringRef Path) {
  FileLocation Where{Path.str(), 0, 0};
  // Refuse an oversized regular file before reading it; the check in parseRuleset covers pipes and the like.
  sys::fs::file_status Status;
  if (!sys::fs::status(Path, Status) && Status.type() == sys::fs::file_type::regular_file)
    if (Error E = checkRulesetSize(Path, Status.getSize()))
      return E;
  // A regular file only, read rather than mapped: a FIFO or /dev/zero is refused, a file truncated meanwhile
  // cannot fault.
  Expected<std::unique_ptr<MemoryBuffer>> Buffer = readInputFile(Path, MaxRulesetBytes);
  if (!Buffer)
    return makeRulesetError(Where, "cannot read ruleset: " + lowercaseFirst(toString(Buffer.takeError())));
  return parseRuleset((*Buffer)->getBuffer(), Path);
}

Expected<Ruleset> loadBuiltinRuleset() { return parseRuleset(builtinRulesetText(), BuiltinRulesetName); }

} // namespace mmio
