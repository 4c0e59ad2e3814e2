# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import functools
import subprocess

from odoo import api, models

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

# An unpatched wkhtmltopdf (Debian's) ignores --zoom, --dpi and
# --disable-smart-shrinking, and lays a page out at 125 CSS pixels per inch
# instead of 96 (measured: 200mm print as 153.6mm); the patched build that Odoo
# recommends prints a millimetre as a millimetre at the paper format's dpi (96).
UNPATCHED_ZOOM = 125 / 96


@functools.cache
def card_zoom():
    """The CSS zoom that prints the card's millimetres at their size with the
    installed wkhtmltopdf."""
    try:
        out = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return 1.0
    return 1.0 if "patched qt" in out else UNPATCHED_ZOOM


class ReportCoopBadge(models.AbstractModel):
    _name = "report.coop_membership.report_coop_badge"
    _description = "Member card"

    @api.model
    def _get_report_values(self, docids, data=None):
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": self.env["res.partner"].browse(docids),
            "card_zoom": card_zoom(),
        }
