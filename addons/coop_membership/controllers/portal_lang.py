# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CoopPortalLang(CustomerPortal):
    """Portal pages say their language (``<html lang>``), which screen readers
    need to pronounce them: without the website app, Odoo's frontend layout
    leaves it out (found by the axe-core check of the member pages)."""

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        lang = (request.env.lang or "fr_FR").replace("_", "-")
        values.setdefault("html_data", {"lang": lang})
        return values
