"""worked-example.py README OUT_DIR: builds what rules/README.md's worked example tells a user to build, from the
README itself: OUT_DIR/my-rules.yaml (rules/hyperv.yaml with the example's allocator and rules added where its
YAML blocks say), OUT_DIR/drivers/misc/mydrv/core.c (a driver whose call is the example's, at the line and column
of the output it shows), and OUT_DIR/expected.txt (that output)."""
import os
import re
import sys

readme, out = sys.argv[1], sys.argv[2]
text = open(readme).read()
section = text[text.index("## Worked example"):]
section = section[:section.index("\n## ", 5)]
blocks = re.findall(r"```(\w*)\n(.*?)```", section, re.S)
yaml = [b for lang, b in blocks if lang == "yaml"]
expected = [b for lang, b in blocks if lang == ""][0].strip()


def items(block, key):
    """The list items under `key:` in a README block, with the '# ...as shipped...' placeholders dropped."""
    body = block.split(key + ":\n", 1)[1]
    return "".join(l + "\n" for l in body.splitlines() if not l.strip().startswith("# ..."))


def append_to(text, key, added):
    """`added` at the end of the top-level sequence `key:`, where a user adds to it: before the next top-level key."""
    start = text.index("\n" + key + ":\n") + len(key) + 3
    nxt = re.search(r"^\S", text[start:], re.M)
    end = start + nxt.start() if nxt else len(text)
    return text[:end].rstrip("\n") + "\n\n" + added + "\n" + text[end:]


shipped = open(os.path.join(os.path.dirname(readme), "hyperv.yaml")).read()
ruleset = append_to(append_to(shipped, "allocators", items(yaml[0], "allocators")), "rules", items(yaml[1], "rules"))
os.makedirs(os.path.join(out, "drivers/misc/mydrv"), exist_ok=True)
open(os.path.join(out, "my-rules.yaml"), "w").write(ruleset)

# The shown output names the file, line, column and function: the driver is written to match.
m = re.match(r"(\S+):(\d+):(\d+): warning: .* in (\w+) \[", expected)
path, line, column, function = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
call = re.search(r"`(allocate_resource\([^`]+\))`", section).group(1)
lines = ["#include <linux/ioport.h>", "#include <linux/sizes.h>",
         "typedef resource_size_t (*resource_alignf)(void *, const struct resource *, resource_size_t, resource_size_t);",
         "int allocate_resource(struct resource *root, struct resource *new, resource_size_t size, resource_size_t min,",
         "                      resource_size_t max, resource_size_t align, resource_alignf alignf, void *alignf_data);",
         "extern struct resource iomem_resource;", "struct mydrv { struct resource doorbell_res; };",
         "#define NULL ((void *)0)"]
lines += [""] * (line - 4 - len(lines))
lines += ["int %s(struct mydrv *priv)" % function, "{", "\tint ret;"]
assert len(lines) == line - 1
# The finding is at the callee: "\tret = " puts it at column 8, as in the kernel's style.
lines += ["\t" + " " * (column - 8) + "ret = " + call + ";", "\treturn ret;", "}"]
open(os.path.join(out, path), "w").write("\n".join(lines) + "\n")
open(os.path.join(out, "expected.txt"), "w").write(expected + "\n")
