# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from .portal import CoopPortal


class CoopPortalStatus(CoopPortal):
    """/my/coop also explains the status: the rule table's reason and the next
    steps in plain words (``res.partner._coop_status_explained``)."""

    @http.route()
    def portal_my_coop(self, **kw):
        response = super().portal_my_coop(**kw)
        partner = request.env.user.partner_id
        # sudo: the explanation reads the member's own leaves, shifts and
        # deadlines (bounded to the logged-in user's partner), in their language
        response.qcontext["coop_status"] = partner.sudo()._coop_status_explained()
        return response
