#!/usr/bin/env python3
"""Write each addon's README.rst from its readme/*.md fragments (OCA layout).

OCA's own generator (oca-gen-addon-readme) is not on PyPI; this one does the
part we need: a title, then the fragments in OCA's order as sections, with
Markdown's inline code turned into reStructuredText literals.

    python3 tools/gen_addon_readme.py          # write
    python3 tools/gen_addon_readme.py --check  # fail if a README.rst is stale
"""

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = [
    ("DESCRIPTION", None),
    ("CONTEXT", "Context"),
    ("INSTALL", "Installation"),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("ROADMAP", "Known issues / Roadmap"),
    ("HISTORY", "Changelog"),
    ("CONTRIBUTORS", "Contributors"),
    ("CREDITS", "Credits"),
]
INLINE_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
SUBHEADING = re.compile(r"^## (.+)$", re.MULTILINE)


def to_rst(markdown):
    text = INLINE_CODE.sub(r"``\1``", markdown)
    text = SUBHEADING.sub(lambda m: heading(m.group(1), "~"), text)
    return LINK.sub(r"`\1 <\2>`_", text).strip()


def heading(title, char):
    return f"{title}\n{char * len(title)}"


def render(addon_dir):
    manifest = ast.literal_eval((addon_dir / "__manifest__.py").read_text())
    title = manifest["name"]
    parts = [
        "=" * len(title),
        title,
        "=" * len(title),
        "",
        f"*{manifest['summary']}*",
        "",
        "This file is generated from ``readme/*.md`` by ``tools/gen_addon_readme.py``.",
    ]
    for fragment, section in SECTIONS:
        path = addon_dir / "readme" / f"{fragment}.md"
        if not path.exists():
            continue
        parts.append("")
        if section:
            parts += [heading(section, "="), ""]
        parts.append(to_rst(path.read_text()))
    return "\n".join(parts) + "\n"


def main():
    check = "--check" in sys.argv
    stale = []
    for addon_dir in sorted((ROOT / "addons").glob("coop_*")):
        target = addon_dir / "README.rst"
        content = render(addon_dir)
        if target.exists() and target.read_text() == content:
            continue
        stale.append(str(target.relative_to(ROOT)))
        if not check:
            target.write_text(content)
    if check and stale:
        sys.exit(
            "stale README.rst (run tools/gen_addon_readme.py): " + ", ".join(stale)
        )


if __name__ == "__main__":
    main()
