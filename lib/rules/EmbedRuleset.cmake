# Writes OUTPUT, a C++ file defining mmio::builtinRulesetText() as the contents of INPUT.
file(READ ${INPUT} CONTENT)
string(FIND "${CONTENT}" ")mmio_yaml\"" CLASH)
if(NOT CLASH EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter used to embed it")
endif()
file(WRITE ${OUTPUT}.tmp
  "// Generated from rules/hyperv.yaml; do not edit.\n"
  "#include \"rules/RulesetLoader.h\"\n"
  "llvm::StringRef mmio::builtinRulesetText() {\n"
  "  return R\"mmio_yaml(${CONTENT})mmio_yaml\";\n"
  "}\n")
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
