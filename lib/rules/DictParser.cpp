// The order in which a mapping's keys are checked and read; see DictParser.
#include "rules/DictParser.h"
#include "rules/YamlFields.h"

#include <cassert>

using namespace llvm;

namespace mmio {

DictParser::DictParser(FieldReader &In, StringRef What) : In(In), What(What.str()) {}

DictParser::~DictParser() = default;

DictParser &DictParser::required(StringRef Key, KeyHandler Read) {
  assert(!find(Key) && "key declared twice");
  Table.push_back({Key.str(), Kind::Required, std::move(Read), nullptr});
  return *this;
}

DictParser &DictParser::optional(StringRef Key, KeyHandler Read) {
  assert(!find(Key) && "key declared twice");
  Table.push_back({Key.str(), Kind::Optional, std::move(Read), nullptr});
  return *this;
}

DictParser &DictParser::first(StringRef Key, KeyHandler Read) {
  assert(!find(Key) && "key declared twice");
  Table.push_back({Key.str(), Kind::First, std::move(Read), nullptr});
  return *this;
}

DictParser &DictParser::then(Step Check) {
  assert(!DocumentOrder && "steps have no place in document order");
  Table.push_back({std::string(), Kind::Step, nullptr, std::move(Check)});
  return *this;
}

DictParser &DictParser::inDocumentOrder() {
  DocumentOrder = true;
  return *this;
}

DictParser &DictParser::ifEmpty(std::function<Error(const YAML::Node &Map)> Report) {
  OnEmpty = std::move(Report);
  return *this;
}

std::string DictParser::keyList() const {
  std::string Out;
  for (const Entry &E : Table)
    if (E.K != Kind::Step)
      Out += (Out.empty() ? "" : ", ") + E.Key;
  return Out;
}

const DictParser::Entry *DictParser::find(StringRef Key) const {
  for (const Entry &E : Table)
    if (E.K != Kind::Step && E.Key == Key)
      return &E;
  return nullptr;
}

const Field *DictParser::get(StringRef Key) const { return Current ? Current->get(Key) : nullptr; }

Error DictParser::parse(const Field &F) {
  if (Error E = In.expectMapping(F))
    return E;
  return parseMapping(F.Value);
}

Error DictParser::parseMapping(const YAML::Node &Map) {
  Expected<Fields> Given = In.collectFields(Map, What);
  if (!Given)
    return Given.takeError();
  Current = &*Given;
  auto Done = [&](Error E) {
    Current = nullptr;
    return E;
  };
  auto Missing = [&](const Entry &E) { return In.errorAt(Map, "missing required key '" + E.Key + "' in " + What); };

  for (const Entry &E : Table) {
    if (E.K != Kind::First)
      continue;
    const Field *F = Given->get(E.Key);
    if (!F)
      return Done(Missing(E));
    if (Error Err = E.Read(*F))
      return Done(std::move(Err));
  }
  for (const Field &F : Given->entries())
    if (!find(F.Name))
      return Done(
          In.errorAt(F.Key, "unknown key '" + F.Name + "' in " + What + " (expected one of: " + keyList() + ")"));
  for (const Entry &E : Table)
    if (E.K == Kind::Required && !Given->get(E.Key))
      return Done(Missing(E));
  if (Given->empty() && OnEmpty)
    return Done(OnEmpty(Map));

  if (DocumentOrder) {
    for (const Field &F : Given->entries()) {
      const Entry *E = find(F.Name);
      if (E->K == Kind::First)
        continue;
      if (Error Err = E->Read(F))
        return Done(std::move(Err));
    }
    return Done(Error::success());
  }
  for (const Entry &E : Table) {
    if (E.K == Kind::First)
      continue;
    if (E.K == Kind::Step) {
      if (Error Err = E.Check())
        return Done(std::move(Err));
      continue;
    }
    if (const Field *F = Given->get(E.Key))
      if (Error Err = E.Read(*F))
        return Done(std::move(Err));
  }
  return Done(Error::success());
}

} // namespace mmio
