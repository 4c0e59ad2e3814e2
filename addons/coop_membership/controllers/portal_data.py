# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import fields, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CoopPortalData(CustomerPortal):
    """/my/data: the right of access (RGPD art. 15). The member downloads
    everything the coop holds about them as one readable JSON file, each addon
    adding its part (``res.partner._coop_personal_data``)."""

    @http.route("/my/data", type="http", auth="user", website=True)
    def portal_my_data(self, **kw):
        values = self._prepare_portal_layout_values()
        values["page_name"] = "coop_data"
        return request.render("coop_membership.portal_my_data", values)

    @http.route("/my/data/download", type="http", auth="user", methods=["GET"])
    def portal_my_data_download(self, **kw):
        partner = request.env.user.partner_id
        # sudo: the hooks read staff records (status history, ledgers...) of
        # the logged-in user's own partner only, in their language
        data = partner.sudo().with_context(lang=request.env.lang)._coop_personal_data()
        document = {
            "generated_at": fields.Datetime.to_string(fields.Datetime.now()),
            "controller": request.env.company.name,
            "data": data,
        }
        body = json.dumps(document, ensure_ascii=False, indent=2, default=str)
        headers = [
            ("Content-Type", "application/json; charset=utf-8"),
            ("Content-Disposition", 'attachment; filename="mes-donnees-coop.json"'),
            ("Cache-Control", "no-store"),
        ]
        return request.make_response(body.encode(), headers=headers)
