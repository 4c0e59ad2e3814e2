# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Accessibility check of portal pages in the test browser (issue #18).

axe-core (https://github.com/dequelabs/axe-core) is not vendored: it is taken
from ``COOP_AXE_CORE_JS`` (a path to ``axe.min.js``) or installed with npm into
a cache directory outside the repository the first time; a test is skipped
when neither is possible. Each page is opened 320 px wide; it passes when axe
finds no serious or critical violation, nothing overflows sideways and every
link and form control is reachable with the keyboard.
"""

import os
import subprocess
import tempfile
from pathlib import Path

from odoo.tests import HttpCase

AXE_VERSION = "4"
CACHE = Path(tempfile.gettempdir(), "coop_axe_core")

CHECK = """
const coopAxeCheck = async () => {
    // let the page's lazy assets finish loading: a request cut short when the
    // test ends is logged as an error
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const results = await axe.run(document, {resultTypes: ["violations"]});
    const bad = results.violations
        .filter((v) => ["serious", "critical"].includes(v.impact))
        .map((v) => ({id: v.id, impact: v.impact,
                      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" "))}));
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    const controls = "a[href], button, input:not([type=hidden]), select, textarea";
    const unreachable = [...document.querySelectorAll(controls)]
        .filter((el) => el.tabIndex < 0 && !el.disabled && el.offsetParent !== null)
        .map((el) => el.outerHTML.slice(0, 80));
    if (bad.length || overflow > 1 || unreachable.length) {
        console.error("accessibility: " + JSON.stringify({bad, overflow, unreachable}));
    } else {
        console.log("test successful");
    }
};
const coopAxe = document.createElement("script");
coopAxe.src = "/web/content/%(attachment)s";
coopAxe.onload = coopAxeCheck;
coopAxe.onerror = () => console.error("accessibility: axe-core did not load");
document.head.appendChild(coopAxe);
"""


def axe_source():
    """The axe-core script, or None when it cannot be had."""
    path = os.environ.get("COOP_AXE_CORE_JS")
    if path and Path(path).exists():
        return Path(path).read_text()
    script = CACHE / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        try:
            subprocess.run(
                ["npm", "install", "--no-save", "--silent", "--prefix", str(CACHE),
                 f"axe-core@{AXE_VERSION}"],
                check=True, timeout=300, capture_output=True,
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError):
            return None
    return script.read_text() if script.exists() else None


class PortalA11yCase(HttpCase):
    """Open portal pages on a phone-sized screen and check them with axe."""

    browser_size = "320x640"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        source = axe_source()
        # served to the test browser by /web/content (not sent as code: a
        # failing check would print all of it)
        cls.axe = source and cls.env["ir.attachment"].create(
            {
                "name": "axe.min.js",
                "raw": source.encode(),
                "mimetype": "text/javascript",
                "public": True,
            }
        )

    def assertAccessible(self, path, login):
        """``path`` as ``login`` (whose password is the login) passes the check."""
        if not self.axe:
            self.skipTest("axe-core is not available (npm)")
        code = CHECK % {"attachment": self.axe.id}
        self.browser_js(path, code, login=login, timeout=120)
