// Typed readers over yaml-cpp nodes, shared by every mapping of the ruleset schema.
#include "rules/YamlFields.h"
#include "rules/RulesetError.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <limits>

using namespace llvm;

namespace mmio {

/// yaml-cpp resolves an alias by sharing the anchored node, so a small file can describe an enormous tree ("billion
/// laughs"). Every node the readers visit counts towards this cap, which no hand-written ruleset comes near.
constexpr unsigned MaxVisitedNodes = 1000000;

FileLocation locationOf(StringRef File, const YAML::Mark &M) {
  if (M.is_null() || M.line < 0 || M.column < 0)
    return FileLocation{File.str(), 0, 0};
  return FileLocation{File.str(), unsigned(M.line) + 1, unsigned(M.column) + 1};
}

std::string formatLocation(const FileLocation &L) {
  return (L.File + ":" + Twine(L.Line) + ":" + Twine(L.Column)).str();
}

std::string hex(uint64_t V) { return "0x" + utohexstr(V, /*LowerCase=*/true); }

std::string describe(const YAML::Node &N) {
  switch (N.Type()) {
  case YAML::NodeType::Sequence:
    return "a sequence";
  case YAML::NodeType::Map:
    return "a mapping";
  case YAML::NodeType::Scalar: {
    // Long block scalars would drown the message; cut on a character boundary (the input is valid UTF-8).
    constexpr size_t Limit = 40;
    StringRef S = N.Scalar();
    if (S.size() <= Limit)
      return ("'" + S + "'").str();
    size_t Cut = Limit;
    while (Cut > 0 && (static_cast<unsigned char>(S[Cut]) & 0xC0) == 0x80)
      --Cut;
    return ("'" + S.take_front(Cut) + "...'").str();
  }
  case YAML::NodeType::Null:
  case YAML::NodeType::Undefined:
    break;
  }
  return "null";
}

bool isCIdentifier(StringRef S) {
  if (S.empty() || !(isAlpha(S.front()) || S.front() == '_'))
    return false;
  return all_of(S.drop_front(), [](char Ch) { return isAlnum(Ch) || Ch == '_'; });
}

LiteralStatus parseLiteral(StringRef Text, uint64_t &Value, bool &LeadingZeroOctal) {
  unsigned Radix = 10;
  StringRef Digits = Text;
  LeadingZeroOctal = false;
  if (Text.starts_with_insensitive("0x")) {
    Radix = 16;
    Digits = Text.drop_front(2);
  } else if (Text.starts_with_insensitive("0o")) {
    Radix = 8;
    Digits = Text.drop_front(2);
  } else if (Text.starts_with_insensitive("0b")) {
    Radix = 2;
    Digits = Text.drop_front(2);
  } else if (Text.size() > 1 && Text.front() == '0') {
    Radix = 8;
    Digits = Text.drop_front(1);
    LeadingZeroOctal = true;
  }
  if (Digits.empty())
    return LiteralStatus::Malformed;

  bool TooBig = false;
  Value = 0;
  for (size_t I = 0; I != Digits.size(); ++I) {
    char Ch = Digits[I];
    if (Ch == '_') {
      if (I == 0 || I + 1 == Digits.size() || Digits[I + 1] == '_')
        return LiteralStatus::Malformed;
      continue;
    }
    unsigned Digit;
    if (isDigit(Ch))
      Digit = Ch - '0';
    else if (isHexDigit(Ch))
      Digit = hexDigitValue(Ch);
    else
      return LiteralStatus::Malformed;
    if (Digit >= Radix)
      return LiteralStatus::Malformed;
    // Keep scanning after an overflow so that "0x1_0000_0000_0000_0000g" is reported as malformed, not too big.
    if (Value > (std::numeric_limits<uint64_t>::max() - Digit) / Radix)
      TooBig = true;
    else
      Value = Value * Radix + Digit;
  }
  return TooBig ? LiteralStatus::TooBig : LiteralStatus::Ok;
}

Error FieldReader::errorAt(const YAML::Node &N, const Twine &Message) const {
  return makeRulesetError(locationOf(N), Message);
}

Error FieldReader::typeError(const Field &F, const Twine &Expected) const {
  return errorAt(F.valueNode(), "expected " + Expected + " for '" + F.Name + "', found " + describe(F.Value));
}

Error FieldReader::visit(const YAML::Node &N) {
  if (++Visited <= MaxVisitedNodes)
    return Error::success();
  return errorAt(N,
                 "ruleset is too complex (more than " + Twine(MaxVisitedNodes) + " nodes once aliases are expanded)");
}

Error FieldReader::expectMapping(const Field &F) const {
  return F.Value.IsMap() ? Error::success() : typeError(F, "a mapping");
}

Expected<Fields> FieldReader::collectFields(const YAML::Node &Map, StringRef What) {
  Fields Result;
  for (YAML::const_iterator It = Map.begin(), End = Map.end(); It != End; ++It) {
    if (Error E = visit(It->first))
      return E;
    if (Error E = visit(It->second))
      return E;
    if (!It->first.IsScalar())
      return errorAt(It->first, "expected a key name in " + What + ", found " + describe(It->first));
    const std::string &Name = It->first.Scalar();
    if (const Field *Prev = Result.get(Name))
      return errorAt(It->first, "duplicate key '" + Name + "' in " + What + " (first given at " +
                                    formatLocation(locationOf(Prev->Key)) + ")");
    Result.add(Field{Name, It->first, It->second});
  }
  return Result;
}

Expected<std::vector<Field>> FieldReader::readSequence(const Field &F) {
  if (!F.Value.IsSequence())
    return typeError(F, "a sequence");
  std::vector<Field> Elements;
  for (const YAML::Node &Elem : F.Value) {
    if (Error E = visit(Elem))
      return E;
    Elements.push_back(F.element(Elem));
  }
  return Elements;
}

Expected<std::vector<Field>> FieldReader::readOneOrMany(const Field &F, StringRef Noun) {
  if (F.Value.IsScalar())
    return std::vector<Field>{F};
  if (!F.Value.IsSequence())
    return typeError(F, Noun + " or a sequence");
  Expected<std::vector<Field>> Elements = readSequence(F);
  if (Elements && Elements->empty())
    return errorAt(F.Value, "expected at least one value for '" + F.Name + "'");
  return Elements;
}

Expected<std::vector<Field>> FieldReader::readStrings(const Field &F, StringRef Noun) {
  Expected<std::vector<Field>> Values = readOneOrMany(F, Noun);
  if (!Values)
    return Values.takeError();
  for (const Field &V : *Values)
    if (Expected<std::string> S = readNonEmptyString(V); !S)
      return S.takeError();
  return Values;
}

Expected<std::string> FieldReader::readString(const Field &F) const {
  if (!F.Value.IsScalar())
    return typeError(F, "a string");
  return F.Value.Scalar();
}

Expected<std::string> FieldReader::readNonEmptyString(const Field &F) const {
  Expected<std::string> S = readString(F);
  if (S && S->empty())
    return errorAt(F.valueNode(), "'" + F.Name + "' must not be empty");
  return S;
}

Expected<std::string> FieldReader::readKeyword(const Field &F, ArrayRef<StringRef> Allowed) const {
  Expected<std::string> S = readString(F);
  if (!S || is_contained(Allowed, *S))
    return S;
  std::string Choices;
  for (size_t I = 0; I != Allowed.size(); ++I)
    Choices += (I == 0 ? "'" : I + 1 == Allowed.size() ? " or '" : ", '") + Allowed[I].str() + "'";
  return errorAt(F.valueNode(), "expected " + Choices + " for '" + F.Name + "', found '" + *S + "'");
}

// YAML 1.1's yes/no/on/off are refused: they are too easy to write by accident (a rule id `no`, a field `on`).
Expected<bool> FieldReader::readBool(const Field &F) const {
  if (F.Value.IsScalar()) {
    StringRef S = F.Value.Scalar();
    if (S == "true" || S == "True" || S == "TRUE")
      return true;
    if (S == "false" || S == "False" || S == "FALSE")
      return false;
  }
  return typeError(F, "true or false");
}

Expected<uint64_t> FieldReader::readNumber(const Field &F, const std::map<std::string, uint64_t> &Constants) const {
  if (!F.Value.IsScalar())
    return typeError(F, "a number");
  StringRef Text = StringRef(F.Value.Scalar()).trim();
  const YAML::Node &At = F.Value;

  if (isCIdentifier(Text)) {
    auto It = Constants.find(Text.str());
    if (It == Constants.end())
      return errorAt(At, "undefined constant '" + Text + "'");
    return It->second;
  }

  uint64_t Value = 0;
  bool LeadingZeroOctal = false;
  if (Text.starts_with("-") && Text.size() > 1 && isDigit(Text[1]) &&
      parseLiteral(Text.drop_front(), Value, LeadingZeroOctal) != LiteralStatus::Malformed)
    return errorAt(At, "negative number '" + Text + "'");
  if (Text.empty() || !isDigit(Text.front()))
    return typeError(F, "a number");

  switch (parseLiteral(Text, Value, LeadingZeroOctal)) {
  case LiteralStatus::Ok:
    return Value;
  case LiteralStatus::TooBig:
    return errorAt(At, "number '" + Text + "' does not fit in 64 bits");
  case LiteralStatus::Malformed:
    break;
  }
  if (LeadingZeroOctal && all_of(Text, isDigit))
    return errorAt(At, "expected a number for '" + F.Name + "', found '" + Text + "' (a leading 0 makes it octal)");
  return typeError(F, "a number");
}

} // namespace mmio
