// Loads YAML rulesets and validates them against schema version 1 (rules/README.md), stopping at the first problem.
//
// This file alone is built with -fexceptions: yaml-cpp reports problems by throwing. parseRuleset catches every
// exception and returns an llvm::Error, so nothing is ever thrown into the -fno-exceptions code that calls it.
#include "rules/RulesetLoader.h"
#include "rules/RulesetError.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <exception>
#include <limits>
#include <new>
#include <sstream>

using namespace llvm;

namespace mmio {
namespace {

/// Far above any hand-written ruleset, far below what would strain memory.
constexpr uint64_t MaxRulesetBytes = uint64_t(16) << 20;

/// yaml-cpp resolves an alias by sharing the anchored node, so a small file can describe an enormous tree ("billion
/// laughs"). Every node the loader visits counts towards this cap, which no hand-written ruleset comes near.
constexpr unsigned MaxVisitedNodes = 1000000;

/// An index past this is a typo, not the signature of a real allocator.
constexpr unsigned MaxParamIndex = 63;

constexpr StringRef TopLevelKeys[] = {"version", "constants", "ranges", "allocators", "rules"};
constexpr StringRef RangeKeys[] = {"name", "start", "end", "size", "description"};
constexpr StringRef AllocatorKeys[] = {"name", "params", "description"};
constexpr StringRef RuleKeys[] = {"id",      "severity", "message",    "description", "applies-to",
                                  "require", "fixit",    "implied-by", "on-unknown"};
constexpr StringRef ClauseKeys[] = {"allocator", "destination-field", "size-macro", "size-value", "function", "file"};
constexpr StringRef RequireKeys[] = {"min-at-least", "max-at-most", "no-overlap", "fb-overlap-ok", "window-fits-size"};
constexpr StringRef FixItKeys[] = {"role", "replacement"};
constexpr StringRef Placeholders[] = {"min",         "max",   "size",      "align",    "fb_overlap_ok",
                                      "destination", "range", "allocator", "function", "rule"};

/// A key of a mapping with its value. Elements of a sequence are read as Fields too, named after the key that holds
/// the sequence, so one set of readers serves both and every message can name the key.
struct Field {
  std::string Name;
  YAML::Node Key;
  YAML::Node Value;

  /// yaml-cpp places an empty value at whatever token follows it, often on the next line; the key is where the
  /// user needs to look.
  const YAML::Node &valueNode() const { return Value.IsNull() ? Key : Value; }
  Field element(const YAML::Node &Elem) const { return Field{Name, Key, Elem}; }
};

/// The entries of one mapping, in document order, with an index so lookups stay cheap on large mappings.
class Fields {
public:
  const Field *get(StringRef Name) const {
    auto It = Index.find(Name);
    return It == Index.end() ? nullptr : &List[It->second];
  }
  /// Callers check get() first: a repeated key is an error they report with both locations.
  void add(Field F) {
    Index.try_emplace(F.Name, List.size());
    List.push_back(std::move(F));
  }
  const std::vector<Field> &entries() const { return List; }
  bool empty() const { return List.empty(); }

private:
  std::vector<Field> List;
  StringMap<size_t> Index;
};

/// State shared by the readers of one document.
struct Context {
  std::string File;
  unsigned Visited = 0;
  Ruleset Result;
  // Indexes into Result, so duplicate checks and cross-references stay linear however large the file is.
  StringMap<size_t> RangeIndex;
  StringMap<size_t> AllocatorIndex;
  StringMap<size_t> RuleIndex;
  // implied-by entries of Result.Rules[I], resolved once every rule id is known (they may name later rules).
  std::vector<std::vector<Field>> ImpliedBy;
};

enum class LiteralStatus { Ok, Malformed, TooBig };

/// Notes where each document starts, building nothing. See countDocuments for why.
class DocumentScanner : public YAML::EventHandler {
public:
  std::vector<YAML::Mark> Starts;

  void OnDocumentStart(const YAML::Mark &M) override { Starts.push_back(M); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark &, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t, const std::string &) override {}
  void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

} // namespace

//===----------------------------------------------------------------------===//
// Locations, messages and node bookkeeping
//===----------------------------------------------------------------------===//

static FileLocation locationOf(StringRef File, const YAML::Mark &M) {
  if (M.is_null() || M.line < 0 || M.column < 0)
    return FileLocation{File.str(), 0, 0};
  // yaml-cpp counts from 0; editors and compilers count from 1.
  return FileLocation{File.str(), unsigned(M.line) + 1, unsigned(M.column) + 1};
}

static FileLocation locationOf(const Context &C, const YAML::Node &N) { return locationOf(C.File, N.Mark()); }

static Error errorAt(const Context &C, const YAML::Node &N, const Twine &Message) {
  return makeRulesetError(locationOf(C, N), Message);
}

static std::string formatLocation(const FileLocation &L) {
  return (L.File + ":" + Twine(L.Line) + ":" + Twine(L.Column)).str();
}

static std::string hex(uint64_t V) { return "0x" + utohexstr(V, /*LowerCase=*/true); }

/// How a node reads in "found ..." messages: its text when it is a scalar, its kind otherwise.
static std::string describe(const YAML::Node &N) {
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

static Error typeError(const Context &C, const Field &F, const Twine &Expected) {
  return errorAt(C, F.valueNode(), "expected " + Expected + " for '" + F.Name + "', found " + describe(F.Value));
}

/// Counts a node towards MaxVisitedNodes; see there for why.
static Error visit(Context &C, const YAML::Node &N) {
  if (++C.Visited <= MaxVisitedNodes)
    return Error::success();
  return errorAt(C, N,
                 "ruleset is too complex (more than " + Twine(MaxVisitedNodes) + " nodes once aliases are expanded)");
}

static bool isCIdentifier(StringRef S) {
  if (S.empty() || !(isAlpha(S.front()) || S.front() == '_'))
    return false;
  return all_of(S.drop_front(), [](char Ch) { return isAlnum(Ch) || Ch == '_'; });
}

static bool isRuleId(StringRef S) {
  return !S.empty() && all_of(S, [](char Ch) { return isDigit(Ch) || (Ch >= 'a' && Ch <= 'z') || Ch == '-'; });
}

static std::string roleList(bool WithDestination) {
  std::string Out;
  for (unsigned I = 0; I != NumRoles; ++I) {
    Role R = static_cast<Role>(I);
    if (R == Role::Destination && !WithDestination)
      continue;
    if (!Out.empty())
      Out += ", ";
    Out += roleName(R);
  }
  return Out;
}

//===----------------------------------------------------------------------===//
// Mappings and sequences
//===----------------------------------------------------------------------===//

static Error expectMapping(const Context &C, const Field &F) {
  return F.Value.IsMap() ? Error::success() : typeError(C, F, "a mapping");
}

static Error expectSequence(const Context &C, const Field &F) {
  return F.Value.IsSequence() ? Error::success() : typeError(C, F, "a sequence");
}

/// Reads a mapping's entries. A repeated key is an error: yaml-cpp keeps both and a lookup would silently see one.
static Expected<Fields> collectFields(Context &C, const YAML::Node &Map, StringRef What) {
  Fields Result;
  for (YAML::const_iterator It = Map.begin(), End = Map.end(); It != End; ++It) {
    if (Error E = visit(C, It->first))
      return E;
    if (Error E = visit(C, It->second))
      return E;
    if (!It->first.IsScalar())
      return errorAt(C, It->first, "expected a key name in " + What + ", found " + describe(It->first));
    const std::string &Name = It->first.Scalar();
    if (const Field *Prev = Result.get(Name))
      return errorAt(C, It->first,
                     "duplicate key '" + Name + "' in " + What + " (first given at " +
                         formatLocation(locationOf(C, Prev->Key)) + ")");
    Result.add(Field{Name, It->first, It->second});
  }
  return Result;
}

/// Checks a mapping against its schema: only Allowed keys, and every Required one.
static Error checkKeys(const Context &C, const YAML::Node &Map, const Fields &Fs, StringRef What,
                       ArrayRef<StringRef> Allowed, ArrayRef<StringRef> Required) {
  for (const Field &F : Fs.entries())
    if (!is_contained(Allowed, F.Name))
      return errorAt(C, F.Key,
                     "unknown key '" + F.Name + "' in " + What + " (expected one of: " + join(Allowed, ", ") + ")");
  for (StringRef Key : Required)
    if (!Fs.get(Key))
      return errorAt(C, Map, "missing required key '" + Key + "' in " + What);
  return Error::success();
}

/// A mapping-valued field read against its schema.
static Expected<Fields> readMapping(Context &C, const Field &F, StringRef What, ArrayRef<StringRef> Allowed,
                                    ArrayRef<StringRef> Required = {}) {
  if (Error E = expectMapping(C, F))
    return E;
  Expected<Fields> Fs = collectFields(C, F.Value, What);
  if (!Fs)
    return Fs.takeError();
  if (Error E = checkKeys(C, F.Value, *Fs, What, Allowed, Required))
    return E;
  return Fs;
}

/// The elements of a sequence-valued field, each counted as visited.
static Expected<std::vector<Field>> readSequence(Context &C, const Field &F) {
  if (Error E = expectSequence(C, F))
    return E;
  std::vector<Field> Elements;
  for (const YAML::Node &Elem : F.Value) {
    if (Error E = visit(C, Elem))
      return E;
    Elements.push_back(F.element(Elem));
  }
  return Elements;
}

/// A field that may hold one value or a sequence of them (`no-overlap: fb` or `no-overlap: [fb, low]`). Noun says
/// what one value is, for the message when it is neither.
static Expected<std::vector<Field>> readOneOrMany(Context &C, const Field &F, StringRef Noun) {
  if (F.Value.IsScalar())
    return std::vector<Field>{F};
  if (!F.Value.IsSequence())
    return typeError(C, F, Noun + " or a sequence");
  Expected<std::vector<Field>> Elements = readSequence(C, F);
  if (Elements && Elements->empty())
    return errorAt(C, F.Value, "expected at least one value for '" + F.Name + "'");
  return Elements;
}

//===----------------------------------------------------------------------===//
// Scalars
//===----------------------------------------------------------------------===//

static Expected<std::string> readString(const Context &C, const Field &F) {
  if (!F.Value.IsScalar())
    return typeError(C, F, "a string");
  return F.Value.Scalar();
}

static Expected<std::string> readNonEmptyString(const Context &C, const Field &F) {
  Expected<std::string> S = readString(C, F);
  if (S && S->empty())
    return errorAt(C, F.valueNode(), "'" + F.Name + "' must not be empty");
  return S;
}

/// Strings that must come from a fixed set, such as `severity: warning`.
static Expected<std::string> readKeyword(const Context &C, const Field &F, ArrayRef<StringRef> Allowed) {
  Expected<std::string> S = readString(C, F);
  if (!S || is_contained(Allowed, *S))
    return S;
  std::string Choices;
  for (size_t I = 0; I != Allowed.size(); ++I)
    Choices += (I == 0 ? "'" : I + 1 == Allowed.size() ? " or '" : ", '") + Allowed[I].str() + "'";
  return errorAt(C, F.valueNode(), "expected " + Choices + " for '" + F.Name + "', found '" + *S + "'");
}

/// Only true and false: YAML 1.1's yes/no/on/off are too easy to write by accident (a rule id `no`, a field `on`).
static Expected<bool> readBool(const Context &C, const Field &F) {
  if (F.Value.IsScalar()) {
    StringRef S = F.Value.Scalar();
    if (S == "true" || S == "True" || S == "TRUE")
      return true;
    if (S == "false" || S == "False" || S == "FALSE")
      return false;
  }
  return typeError(C, F, "true or false");
}

/// Integer literals: decimal, 0x hex, 0o or leading-0 octal (C's spelling, which kernel headers use), 0b binary,
/// with `_` allowed between two digits. LeadingZeroOctal tells the caller why "08" was refused.
static LiteralStatus parseLiteral(StringRef Text, uint64_t &Value, bool &LeadingZeroOctal) {
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

/// A number: a literal, or the name of a constant defined above it in `constants:`.
static Expected<uint64_t> readNumber(const Context &C, const Field &F) {
  if (!F.Value.IsScalar())
    return typeError(C, F, "a number");
  StringRef Text = StringRef(F.Value.Scalar()).trim();
  const YAML::Node &At = F.Value;

  if (isCIdentifier(Text)) {
    auto It = C.Result.Constants.find(Text.str());
    if (It == C.Result.Constants.end())
      return errorAt(C, At, "undefined constant '" + Text + "'");
    return It->second;
  }

  uint64_t Value = 0;
  bool LeadingZeroOctal = false;
  if (Text.starts_with("-") && Text.size() > 1 && isDigit(Text[1]) &&
      parseLiteral(Text.drop_front(), Value, LeadingZeroOctal) != LiteralStatus::Malformed)
    return errorAt(C, At, "negative number '" + Text + "'");
  if (Text.empty() || !isDigit(Text.front()))
    return typeError(C, F, "a number");

  switch (parseLiteral(Text, Value, LeadingZeroOctal)) {
  case LiteralStatus::Ok:
    return Value;
  case LiteralStatus::TooBig:
    return errorAt(C, At, "number '" + Text + "' does not fit in 64 bits");
  case LiteralStatus::Malformed:
    break;
  }
  if (LeadingZeroOctal && all_of(Text, isDigit))
    return errorAt(C, At, "expected a number for '" + F.Name + "', found '" + Text + "' (a leading 0 makes it octal)");
  return typeError(C, F, "a number");
}

//===----------------------------------------------------------------------===//
// Schema parts, in the order a ruleset is read
//===----------------------------------------------------------------------===//

/// Read before anything else: a newer ruleset is best told apart by its version, not by the first key it adds.
static Error parseVersion(Context &C, const YAML::Node &Root, const Fields &Top) {
  const Field *F = Top.get("version");
  if (!F)
    return errorAt(C, Root, "missing required key 'version' in ruleset");
  if (!F->Value.IsScalar())
    return typeError(C, *F, "an integer");
  StringRef Text = StringRef(F->Value.Scalar()).trim();
  uint64_t Value = 0;
  bool LeadingZeroOctal = false;
  StringRef Magnitude = Text.starts_with("-") ? Text.drop_front() : Text;
  if (Magnitude.empty() || !isDigit(Magnitude.front()) ||
      parseLiteral(Magnitude, Value, LeadingZeroOctal) == LiteralStatus::Malformed)
    return typeError(C, *F, "an integer");
  if (Text.starts_with("-") || Value != 1)
    return errorAt(C, F->Value, "unsupported ruleset version " + Text + " (this mmio-audit reads version 1)");
  C.Result.Version = 1;
  return Error::success();
}

static Error parseConstants(Context &C, const Field &F) {
  if (Error E = expectMapping(C, F))
    return E;
  Expected<Fields> Entries = collectFields(C, F.Value, "'constants'");
  if (!Entries)
    return Entries.takeError();
  for (const Field &Entry : Entries->entries()) {
    if (!isCIdentifier(Entry.Name))
      return errorAt(C, Entry.Key, "invalid constant name '" + Entry.Name + "' (expected a C identifier)");
    // Defined only after its own value is read, so a constant can use those above it but never itself.
    Expected<uint64_t> Value = readNumber(C, Entry);
    if (!Value)
      return Value.takeError();
    C.Result.Constants[Entry.Name] = *Value;
  }
  return Error::success();
}

static Error parseRange(Context &C, const Field &Entry) {
  Expected<Fields> Fs = readMapping(C, Entry, "range", RangeKeys, {"name", "start"});
  if (!Fs)
    return Fs.takeError();
  NamedRange R;
  R.Where = locationOf(C, Entry.Value);

  const Field &NameField = *Fs->get("name");
  Expected<std::string> Name = readNonEmptyString(C, NameField);
  if (!Name)
    return Name.takeError();
  R.Name = *Name;
  auto [Slot, Inserted] = C.RangeIndex.try_emplace(R.Name, C.Result.Ranges.size());
  if (!Inserted)
    return errorAt(C, NameField.Value,
                   "duplicate range '" + R.Name + "' (first defined at " +
                       formatLocation(C.Result.Ranges[Slot->second].Where) + ")");

  Expected<uint64_t> Start = readNumber(C, *Fs->get("start"));
  if (!Start)
    return Start.takeError();
  R.Start = *Start;

  const Field *EndField = Fs->get("end");
  const Field *SizeField = Fs->get("size");
  if (EndField && SizeField)
    return errorAt(C, SizeField->Key, "range '" + R.Name + "' has both 'end' and 'size' (give one)");
  if (!EndField && !SizeField)
    return errorAt(C, Entry.Value, "range '" + R.Name + "' needs 'end' or 'size'");
  if (EndField) {
    Expected<uint64_t> End = readNumber(C, *EndField);
    if (!End)
      return End.takeError();
    if (*End < R.Start)
      return errorAt(C, EndField->Value,
                     "range '" + R.Name + "' ends before it starts (start " + hex(R.Start) + ", end " + hex(*End) +
                         ")");
    R.End = *End;
  } else {
    Expected<uint64_t> Size = readNumber(C, *SizeField);
    if (!Size)
      return Size.takeError();
    if (*Size == 0)
      return errorAt(C, SizeField->Value, "'size' of range '" + R.Name + "' must be greater than 0");
    // End is inclusive: the last byte is start + size - 1, which must itself be an address.
    if (*Size - 1 > std::numeric_limits<uint64_t>::max() - R.Start)
      return errorAt(C, SizeField->Value,
                     "range '" + R.Name + "' does not fit in 64 bits (start " + hex(R.Start) + ", size " + hex(*Size) +
                         ")");
    R.End = R.Start + (*Size - 1);
  }

  if (const Field *D = Fs->get("description")) {
    Expected<std::string> Text = readString(C, *D);
    if (!Text)
      return Text.takeError();
    R.Description = *Text;
  }
  C.Result.Ranges.push_back(std::move(R));
  return Error::success();
}

static Error parseRanges(Context &C, const Field &F) {
  Expected<std::vector<Field>> Entries = readSequence(C, F);
  if (!Entries)
    return Entries.takeError();
  for (const Field &Entry : *Entries)
    if (Error E = parseRange(C, Entry))
      return E;
  return Error::success();
}

static Error parseParams(Context &C, const Field &F, AllocatorSpec &A) {
  if (Error E = expectMapping(C, F))
    return E;
  Expected<Fields> Entries = collectFields(C, F.Value, "'params'");
  if (!Entries)
    return Entries.takeError();
  std::array<std::optional<Role>, MaxParamIndex + 1> RoleAt;
  for (const Field &Entry : Entries->entries()) {
    std::optional<Role> R = roleFromName(Entry.Name);
    if (!R)
      return errorAt(C, Entry.Key,
                     "unknown role '" + Entry.Name + "' in 'params' (expected one of: " + roleList(true) + ")");
    Expected<uint64_t> Index = readNumber(C, Entry);
    if (!Index)
      return Index.takeError();
    if (*Index > MaxParamIndex)
      return errorAt(C, Entry.Value,
                     "parameter index " + Twine(*Index) + " out of range (0-" + Twine(MaxParamIndex) + ")");
    // One argument cannot be both the lowest and the highest address, say; this is a typo in the index.
    if (std::optional<Role> Other = RoleAt[*Index])
      return errorAt(C, Entry.Value,
                     "parameter index " + Twine(*Index) + " is given to both '" + roleName(*Other) + "' and '" +
                         Entry.Name + "'");
    RoleAt[*Index] = R;
    A.Params[*R] = static_cast<unsigned>(*Index);
  }
  // Every requirement is about the window [min, max]; an allocator without one cannot be audited.
  for (Role R : {Role::Min, Role::Max})
    if (!A.paramFor(R))
      return errorAt(C, F.Value, "missing required key '" + roleName(R) + "' in 'params'");
  return Error::success();
}

static Error parseAllocator(Context &C, const Field &Entry) {
  Expected<Fields> Fs = readMapping(C, Entry, "allocator", AllocatorKeys, {"name", "params"});
  if (!Fs)
    return Fs.takeError();
  AllocatorSpec A;
  A.Where = locationOf(C, Entry.Value);

  const Field &NameField = *Fs->get("name");
  Expected<std::string> Name = readString(C, NameField);
  if (!Name)
    return Name.takeError();
  if (!isCIdentifier(*Name))
    return errorAt(C, NameField.valueNode(), "invalid allocator name '" + *Name + "' (expected a C identifier)");
  A.Name = *Name;
  auto [Slot, Inserted] = C.AllocatorIndex.try_emplace(A.Name, C.Result.Allocators.size());
  if (!Inserted)
    return errorAt(C, NameField.Value,
                   "duplicate allocator '" + A.Name + "' (first defined at " +
                       formatLocation(C.Result.Allocators[Slot->second].Where) + ")");

  if (Error E = parseParams(C, *Fs->get("params"), A))
    return E;
  // The model keeps no allocator description; it is documentation for whoever reads the YAML, but still a string.
  if (const Field *D = Fs->get("description"))
    if (Expected<std::string> Text = readString(C, *D); !Text)
      return Text.takeError();
  C.Result.Allocators.push_back(std::move(A));
  return Error::success();
}

static Error parseAllocators(Context &C, const Field &F) {
  Expected<std::vector<Field>> Entries = readSequence(C, F);
  if (!Entries)
    return Entries.takeError();
  // Without an allocator there are no calls to audit: an empty list is a mistake, not a quiet ruleset.
  if (Entries->empty())
    return errorAt(C, F.valueNode(), "'allocators' must list at least one allocator");
  for (const Field &Entry : *Entries)
    if (Error E = parseAllocator(C, Entry))
      return E;
  return Error::success();
}

/// Placeholders are checked here so a typo fails when the ruleset loads, not as a garbled warning at some call.
static Error checkMessage(const Context &C, const Field &F, StringRef Message) {
  for (size_t I = 0; I < Message.size(); ++I) {
    if (Message[I] == '}')
      return errorAt(C, F.Value, "unbalanced '}' in message");
    if (Message[I] != '{')
      continue;
    size_t Close = Message.find_first_of("{}", I + 1);
    if (Close == StringRef::npos || Message[Close] == '{')
      return errorAt(C, F.Value, "unbalanced '{' in message");
    StringRef Name = Message.slice(I + 1, Close);
    if (!is_contained(Placeholders, Name)) {
      std::string Known;
      for (StringRef P : Placeholders)
        Known += (Known.empty() ? "{" : ", {") + P.str() + "}";
      return errorAt(C, F.Value, "unknown placeholder '{" + Name + "}' in message (expected one of: " + Known + ")");
    }
    I = Close;
  }
  return Error::success();
}

/// The values of a string-or-sequence key, each checked to be a non-empty string.
static Expected<std::vector<Field>> readStrings(Context &C, const Field &F, StringRef Noun) {
  Expected<std::vector<Field>> Values = readOneOrMany(C, F, Noun);
  if (!Values)
    return Values.takeError();
  for (const Field &V : *Values)
    if (Expected<std::string> S = readNonEmptyString(C, V); !S)
      return S.takeError();
  return Values;
}

/// `function` and `file` are compiled here so a bad glob fails when the ruleset loads. The checker must compile them
/// the same way: GlobPattern::create without brace expansion.
static Error checkGlob(const Context &C, const Field &V) {
  Expected<GlobPattern> Glob = GlobPattern::create(V.Value.Scalar());
  if (Glob)
    return Error::success();
  // LLVM's text starts "invalid glob pattern"; the message already says so, with the pattern and the key.
  std::string Reason = toString(Glob.takeError());
  StringRef Detail = StringRef(Reason).trim();
  if (Detail.consume_front("invalid glob pattern"))
    Detail = Detail.ltrim(",: ");
  return errorAt(C, V.Value, "invalid glob '" + V.Value.Scalar() + "' in '" + V.Name + "': " + Detail);
}

static Error parseSizeValues(Context &C, const Field &F, CallSelector &S) {
  Expected<std::vector<Field>> Values = readOneOrMany(C, F, "a number");
  if (!Values)
    return Values.takeError();
  for (const Field &V : *Values) {
    Expected<uint64_t> N = readNumber(C, V);
    if (!N)
      return N.takeError();
    S.SizeValues.push_back(*N);
  }
  return Error::success();
}

static Expected<CallSelector> parseClause(Context &C, const Field &Entry) {
  Expected<Fields> Fs = readMapping(C, Entry, "'applies-to' clause", ClauseKeys);
  if (!Fs)
    return Fs.takeError();
  // An empty clause would match every call, which is what leaving out `applies-to` already says.
  if (Fs->empty())
    return errorAt(
        C, Entry.Value,
        "empty clause in 'applies-to' (expected at least one of: " + join(ArrayRef<StringRef>(ClauseKeys), ", ") + ")");

  CallSelector S;
  for (const Field &F : Fs->entries()) {
    if (F.Name == "size-value") {
      if (Error E = parseSizeValues(C, F, S))
        return E;
      continue;
    }
    Expected<std::vector<Field>> Values = readStrings(C, F, "a string");
    if (!Values)
      return Values.takeError();
    std::vector<std::string> *Out = F.Name == "allocator"           ? &S.Allocators
                                    : F.Name == "destination-field" ? &S.DestinationFields
                                    : F.Name == "size-macro"        ? &S.SizeMacros
                                    : F.Name == "function"          ? &S.Functions
                                                                    : &S.Files;
    for (const Field &V : *Values) {
      const std::string &Text = V.Value.Scalar();
      // A misspelt allocator would make the clause match nothing, and the rule would pass silently.
      if (F.Name == "allocator" && !C.AllocatorIndex.count(Text))
        return errorAt(C, V.Value, "unknown allocator '" + Text + "' in 'applies-to' (not listed in 'allocators')");
      if (F.Name == "function" || F.Name == "file")
        if (Error E = checkGlob(C, V))
          return E;
      Out->push_back(Text);
    }
  }
  return S;
}

static Error parseAppliesTo(Context &C, const Field &F, Rule &R) {
  Expected<std::vector<Field>> Clauses = readSequence(C, F);
  if (!Clauses)
    return Clauses.takeError();
  // The model reads no clauses as "every call"; an empty list written out more likely means clauses went missing.
  if (Clauses->empty())
    return errorAt(C, F.valueNode(),
                   "'applies-to' has no clauses (leave it out to apply the rule to every allocator call)");
  for (const Field &Clause : *Clauses) {
    Expected<CallSelector> S = parseClause(C, Clause);
    if (!S)
      return S.takeError();
    R.AppliesTo.push_back(std::move(*S));
  }
  return Error::success();
}

static Error parseRequire(Context &C, const Field &F, Requirement &Req) {
  Expected<Fields> Fs = readMapping(C, F, "'require'", RequireKeys);
  if (!Fs)
    return Fs.takeError();
  if (Fs->empty())
    return errorAt(C, F.Value,
                   "'require' must state at least one requirement (expected one of: " +
                       join(ArrayRef<StringRef>(RequireKeys), ", ") + ")");
  for (const Field &Key : Fs->entries()) {
    if (Key.Name == "min-at-least" || Key.Name == "max-at-most") {
      Expected<uint64_t> N = readNumber(C, Key);
      if (!N)
        return N.takeError();
      (Key.Name == "min-at-least" ? Req.MinAtLeast : Req.MaxAtMost) = *N;
    } else if (Key.Name == "no-overlap") {
      Expected<std::vector<Field>> Names = readOneOrMany(C, Key, "a range name");
      if (!Names)
        return Names.takeError();
      for (const Field &N : *Names) {
        Expected<std::string> Name = readString(C, N);
        if (!Name)
          return Name.takeError();
        if (!C.RangeIndex.count(*Name))
          return errorAt(C, N.Value, "undefined range '" + *Name + "'");
        Req.NoOverlap.push_back(std::move(*Name));
      }
    } else {
      Expected<bool> B = readBool(C, Key);
      if (!B)
        return B.takeError();
      if (Key.Name == "fb-overlap-ok")
        Req.FbOverlapOk = *B;
      else
        Req.WindowFitsSize = *B;
    }
  }
  return Error::success();
}

static Error parseFixIt(Context &C, const Field &F, Rule &R) {
  Expected<Fields> Fs = readMapping(C, F, "'fixit'", FixItKeys, FixItKeys);
  if (!Fs)
    return Fs.takeError();
  FixItSpec Fix;
  const Field &RoleField = *Fs->get("role");
  Expected<std::string> RoleText = readString(C, RoleField);
  if (!RoleText)
    return RoleText.takeError();
  std::optional<Role> Target = roleFromName(*RoleText);
  if (!Target)
    return errorAt(C, RoleField.valueNode(),
                   "unknown role '" + *RoleText + "' in 'fixit' (expected one of: " + roleList(false) + ")");
  // The destination is where the result is stored; no value there can make a request satisfy a rule.
  if (*Target == Role::Destination)
    return errorAt(C, RoleField.valueNode(),
                   "a fix-it cannot replace the 'destination' argument (expected one of: " + roleList(false) + ")");
  Fix.Target = *Target;
  Expected<std::string> Replacement = readNonEmptyString(C, *Fs->get("replacement"));
  if (!Replacement)
    return Replacement.takeError();
  Fix.Replacement = std::move(*Replacement);
  R.FixIt = std::move(Fix);
  return Error::success();
}

/// Ids named in `implied-by` are only collected here: they may refer to rules further down the file.
static Expected<std::vector<Field>> collectImpliedBy(Context &C, const Field &F, const Rule &R) {
  Expected<std::vector<Field>> Ids = readStrings(C, F, "a rule id");
  if (!Ids)
    return Ids.takeError();
  for (const Field &Id : *Ids)
    if (Id.Value.Scalar() == R.Id)
      return errorAt(C, Id.Value, "rule '" + R.Id + "' cannot be implied by itself");
  return Ids;
}

static Error parseRule(Context &C, const Field &Entry) {
  Expected<Fields> Fs = readMapping(C, Entry, "rule", RuleKeys, {"id", "message", "require"});
  if (!Fs)
    return Fs.takeError();
  Rule R;
  R.Where = locationOf(C, Entry.Value);

  const Field &IdField = *Fs->get("id");
  Expected<std::string> Id = readString(C, IdField);
  if (!Id)
    return Id.takeError();
  // Ids appear in diagnostics ("[rule-id]"), suppressions and baselines, so they are kept to one plain spelling.
  if (!isRuleId(*Id))
    return errorAt(C, IdField.valueNode(),
                   "invalid rule id '" + *Id + "' (expected lowercase letters, digits and dashes)");
  R.Id = *Id;
  auto [Slot, Inserted] = C.RuleIndex.try_emplace(R.Id, C.Result.Rules.size());
  if (!Inserted)
    return errorAt(C, IdField.Value,
                   "duplicate rule id '" + R.Id + "' (first defined at " +
                       formatLocation(C.Result.Rules[Slot->second].Where) + ")");

  if (const Field *F = Fs->get("severity")) {
    Expected<std::string> S = readKeyword(C, *F, {"warning", "error"});
    if (!S)
      return S.takeError();
    R.Level = *S == "error" ? Severity::Error : Severity::Warning;
  }

  const Field &MessageField = *Fs->get("message");
  Expected<std::string> Message = readNonEmptyString(C, MessageField);
  if (!Message)
    return Message.takeError();
  if (Error E = checkMessage(C, MessageField, *Message))
    return E;
  R.Message = std::move(*Message);

  if (const Field *F = Fs->get("description")) {
    Expected<std::string> Text = readString(C, *F);
    if (!Text)
      return Text.takeError();
    R.Description = std::move(*Text);
  }
  if (const Field *F = Fs->get("applies-to"))
    if (Error E = parseAppliesTo(C, *F, R))
      return E;
  if (Error E = parseRequire(C, *Fs->get("require"), R.Require))
    return E;
  if (const Field *F = Fs->get("fixit"))
    if (Error E = parseFixIt(C, *F, R))
      return E;
  std::vector<Field> ImpliedBy;
  if (const Field *F = Fs->get("implied-by")) {
    Expected<std::vector<Field>> Ids = collectImpliedBy(C, *F, R);
    if (!Ids)
      return Ids.takeError();
    ImpliedBy = std::move(*Ids);
  }
  if (const Field *F = Fs->get("on-unknown")) {
    Expected<std::string> S = readKeyword(C, *F, {"ignore", "report"});
    if (!S)
      return S.takeError();
    R.ReportUnknown = *S == "report";
  }
  C.Result.Rules.push_back(std::move(R));
  C.ImpliedBy.push_back(std::move(ImpliedBy));
  return Error::success();
}

/// A cycle (a implied by b, b implied by a) would let the rules silence each other at a call where both fire, so
/// nothing is reported at all. Finds one by peeling off rules that are implied by nothing still in play; whatever is
/// left lies on or leads into a cycle. Iterative, so a long chain of rules cannot overflow the stack.
static Error checkImpliedByCycles(const Context &C, const std::vector<std::vector<size_t>> &Edges) {
  size_t N = Edges.size();
  std::vector<size_t> Pending(N);
  std::vector<std::vector<size_t>> ImpliedTo(N); // reverse edges
  std::vector<size_t> Ready;
  for (size_t I = 0; I != N; ++I) {
    Pending[I] = Edges[I].size();
    for (size_t J : Edges[I])
      ImpliedTo[J].push_back(I);
    if (Pending[I] == 0)
      Ready.push_back(I);
  }
  std::vector<bool> Done(N, false);
  while (!Ready.empty()) {
    size_t J = Ready.back();
    Ready.pop_back();
    Done[J] = true;
    for (size_t I : ImpliedTo[J])
      if (--Pending[I] == 0)
        Ready.push_back(I);
  }
  auto FirstLeft = find(Done, false);
  if (FirstLeft == Done.end())
    return Error::success();

  // Every rule left has an edge to another rule left; walk such edges until one repeats.
  auto NextLeft = [&](size_t I) { return *find_if(Edges[I], [&](size_t J) { return !Done[J]; }); };
  std::vector<size_t> Position(N, N);
  std::vector<size_t> Walk;
  for (size_t I = FirstLeft - Done.begin(); Position[I] == N; I = NextLeft(I)) {
    Position[I] = Walk.size();
    Walk.push_back(I);
  }
  size_t Start = Position[NextLeft(Walk.back())];
  std::string Chain = "'" + C.Result.Rules[Walk[Start]].Id + "'";
  for (size_t K = Start + 1; K <= Walk.size(); ++K)
    Chain += (K == Start + 1 ? " is implied by '" : ", which is implied by '") +
             C.Result.Rules[Walk[K == Walk.size() ? Start : K]].Id + "'";

  // Point at the entry that starts the cycle, in the rule the chain begins with.
  size_t From = Walk[Start], To = Walk[Start + 1 == Walk.size() ? Start : Start + 1];
  for (const Field &Entry : C.ImpliedBy[From])
    if (C.RuleIndex.lookup(Entry.Value.Scalar()) == To)
      return errorAt(C, Entry.Value, "'implied-by' forms a cycle: " + Chain);
  return makeRulesetError(C.Result.Rules[From].Where, "'implied-by' forms a cycle: " + Chain);
}

static Error resolveImpliedBy(Context &C) {
  std::vector<std::vector<size_t>> Edges(C.Result.Rules.size());
  for (size_t I = 0; I != C.Result.Rules.size(); ++I) {
    for (const Field &Entry : C.ImpliedBy[I]) {
      const std::string &Id = Entry.Value.Scalar();
      auto It = C.RuleIndex.find(Id);
      if (It == C.RuleIndex.end())
        return errorAt(C, Entry.Value, "undefined rule '" + Id + "' in 'implied-by'");
      C.Result.Rules[I].ImpliedBy.push_back(Id);
      Edges[I].push_back(It->second);
    }
  }
  return checkImpliedByCycles(C, Edges);
}

static Error parseRules(Context &C, const Field &F) {
  Expected<std::vector<Field>> Entries = readSequence(C, F);
  if (!Entries)
    return Entries.takeError();
  if (Entries->empty())
    return errorAt(C, F.valueNode(), "'rules' must list at least one rule");
  for (const Field &Entry : *Entries)
    if (Error E = parseRule(C, Entry))
      return E;
  return resolveImpliedBy(C);
}

//===----------------------------------------------------------------------===//
// Documents
//===----------------------------------------------------------------------===//

static Error checkSize(StringRef Name, uint64_t Size) {
  if (Size <= MaxRulesetBytes)
    return Error::success();
  return makeRulesetError(FileLocation{Name.str(), 0, 0},
                          "ruleset is too large (" + Twine(Size) + " bytes, limit 16 MiB)");
}

/// yaml-cpp takes bytes as they come, so invalid UTF-8 or a stray control character would surface later as mangled
/// names in diagnostics, or as a confusing YAML error somewhere after it.
static Error checkEncoding(StringRef Name, StringRef Text) {
  const UTF8 *Begin = reinterpret_cast<const UTF8 *>(Text.data());
  const UTF8 *Cursor = Begin;
  bool ValidUTF8 = isLegalUTF8String(&Cursor, Begin + Text.size());
  size_t Offset = Cursor - Begin;
  // YAML allows tab, line feed and carriage return among the C0 controls, and no DEL.
  size_t Control = Text.take_front(Offset).find_if([](char Ch) {
    return (static_cast<unsigned char>(Ch) < 0x20 && Ch != '\t' && Ch != '\n' && Ch != '\r') || Ch == 0x7f;
  });
  if (ValidUTF8 && Control == StringRef::npos)
    return Error::success();
  if (Control != StringRef::npos)
    Offset = Control;

  StringRef Before = Text.take_front(Offset);
  size_t LineStart = Before.rfind('\n');
  LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
  // Columns count bytes, as yaml-cpp's marks and clang's columns do.
  FileLocation Where{Name.str(), unsigned(Before.count('\n')) + 1, unsigned(Offset - LineStart) + 1};
  std::string Byte = hex(static_cast<unsigned char>(Text[Offset]));
  if (Control != StringRef::npos)
    return makeRulesetError(Where, "ruleset contains control character " + Byte);
  return makeRulesetError(Where, "ruleset is not valid UTF-8 (byte " + Byte + ")");
}

/// A ruleset is one document, and yaml-cpp's Load would quietly drop any after the first, so they are counted first
/// (0 or 1; more is an error).
/// yaml-cpp 0.7 never consumes a ',' outside a flow collection: it reports an endless run of empty documents there
/// (LoadAll grows until memory runs out). Counting stops at the third document, and a document that starts where
/// the one before did is that ','.
static Expected<size_t> countDocuments(const Context &C, StringRef Text) {
  std::istringstream In(Text.str());
  YAML::Parser Parser(In);
  DocumentScanner Scanner;
  while (Scanner.Starts.size() < 3 && Parser.HandleNextDocument(Scanner)) {
    size_t N = Scanner.Starts.size();
    if (N < 2 || Scanner.Starts[N - 1].pos != Scanner.Starts[N - 2].pos)
      continue;
    const YAML::Mark &Stuck = Scanner.Starts[N - 1];
    bool Comma = Stuck.pos >= 0 && size_t(Stuck.pos) < Text.size() && Text[Stuck.pos] == ',';
    return makeRulesetError(locationOf(C.File, Stuck), Comma ? "invalid YAML: ',' outside a flow collection"
                                                             : "invalid YAML: the parser cannot go on from here");
  }
  if (Scanner.Starts.size() > 1)
    return makeRulesetError(locationOf(C.File, Scanner.Starts[1]), "ruleset must be a single YAML document");
  return Scanner.Starts.size();
}

static Expected<Ruleset> parseDocument(StringRef Text, StringRef Name) {
  if (Error E = checkSize(Name, Text.size()))
    return E;
  if (Error E = checkEncoding(Name, Text))
    return E;

  Context C;
  C.File = Name.str();
  C.Result.Source = Name.str();

  Expected<size_t> Documents = countDocuments(C, Text);
  if (!Documents)
    return Documents.takeError();
  FileLocation Top{C.File, 1, 1};
  if (*Documents == 0)
    return makeRulesetError(Top, "ruleset is empty");
  const YAML::Node Root = YAML::Load(Text.str());
  if (!Root.IsMap()) {
    FileLocation Where = Root.IsNull() ? Top : locationOf(C, Root);
    return makeRulesetError(Where, "expected a mapping at the top of the ruleset, found " + describe(Root));
  }

  Expected<Fields> TopFields = collectFields(C, Root, "ruleset");
  if (!TopFields)
    return TopFields.takeError();
  if (Error E = parseVersion(C, Root, *TopFields))
    return E;
  if (Error E = checkKeys(C, Root, *TopFields, "ruleset", TopLevelKeys, {"allocators", "rules"}))
    return E;

  // Fixed order, whatever the file's: constants before the numbers that use them, ranges and allocators before the
  // rules that name them.
  if (const Field *F = TopFields->get("constants"))
    if (Error E = parseConstants(C, *F))
      return E;
  if (const Field *F = TopFields->get("ranges"))
    if (Error E = parseRanges(C, *F))
      return E;
  if (Error E = parseAllocators(C, *TopFields->get("allocators")))
    return E;
  if (Error E = parseRules(C, *TopFields->get("rules")))
    return E;
  return std::move(C.Result);
}

static std::string lowercaseFirst(std::string S) {
  if (!S.empty())
    S[0] = toLower(S[0]);
  return S;
}

Expected<Ruleset> parseRuleset(StringRef Text, StringRef Name) {
  FileLocation Where{Name.str(), 0, 0};
  try {
    return parseDocument(Text, Name);
  } catch (const YAML::DeepRecursion &E) {
    // Reached only where yaml-cpp's type information is shared with this object (a static yaml-cpp); Debian's
    // shared library does not export it, so the same error usually arrives as the ParserException below.
    return makeRulesetError(locationOf(Name, E.mark),
                            "invalid YAML: nested too deeply (limit " + Twine(E.depth()) + " levels)");
  } catch (const YAML::ParserException &E) {
    return makeRulesetError(locationOf(Name, E.mark), "invalid YAML: " + E.msg);
  } catch (const YAML::Exception &E) {
    // Not a syntax error: the loader used yaml-cpp wrongly. Still an error, never a crash.
    return makeRulesetError(locationOf(Name, E.mark), "internal error reading ruleset: " + E.msg);
  } catch (const std::bad_alloc &) {
    return makeRulesetError(Where, "out of memory reading ruleset");
  } catch (const std::exception &E) {
    return makeRulesetError(Where, "internal error reading ruleset: " + Twine(E.what()));
  }
}

Expected<Ruleset> loadRulesetFile(StringRef Path) {
  FileLocation Where{Path.str(), 0, 0};
  // Refuse an oversized regular file before reading it; the check in parseRuleset covers pipes and the like.
  sys::fs::file_status Status;
  if (!sys::fs::status(Path, Status) && Status.type() == sys::fs::file_type::regular_file)
    if (Error E = checkSize(Path, Status.getSize()))
      return E;
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buffer =
      MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return makeRulesetError(Where, "cannot read ruleset: " + lowercaseFirst(Buffer.getError().message()));
  return parseRuleset((*Buffer)->getBuffer(), Path);
}

Expected<Ruleset> loadBuiltinRuleset() { return parseRuleset(builtinRulesetText(), BuiltinRulesetName); }

} // namespace mmio
