// A rule's message template (`message: "... {min} ..."`), split once into literal text and placeholders.
#ifndef MMIO_AUDIT_RULES_MESSAGETEMPLATE_H
#define MMIO_AUDIT_RULES_MESSAGETEMPLATE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace mmio {

enum class Role;

/// What a placeholder is replaced with when a finding's message is written.
enum class Placeholder { Min, Max, Size, Align, FbOverlapOk, Destination, Range, Allocator, Function, Rule };

/// The spelling between the braces: "min", "fb_overlap_ok", "range", ...
llvm::StringRef placeholderName(Placeholder P);
std::optional<Placeholder> placeholderFromName(llvm::StringRef Name);
/// The role whose values fill the placeholder; none for `{destination}`, which is filled with the field the
/// destination points into rather than with values.
std::optional<Role> placeholderRole(Placeholder P);
/// "{min}, {max}, ...": every placeholder, for messages that list what is allowed.
std::string placeholderList();

/// Literal text, or a placeholder. Two literals never follow each other.
struct MessagePiece {
  std::optional<Placeholder> Fill; // set: a placeholder, and Text is empty
  std::string Text;

  static MessagePiece literal(std::string Text) { return {std::nullopt, std::move(Text)}; }
  static MessagePiece placeholder(Placeholder P) { return {P, std::string()}; }
  bool operator==(const MessagePiece &O) const { return Fill == O.Fill && Text == O.Text; }
};

using MessageTemplate = std::vector<MessagePiece>;

/// Splits `Text`; a stray brace or an unknown placeholder is an error whose message (without a location) the loader
/// reports at the `message` key.
llvm::Expected<MessageTemplate> parseMessageTemplate(llvm::StringRef Text);

} // namespace mmio

#endif
