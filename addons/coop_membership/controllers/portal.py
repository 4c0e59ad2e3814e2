# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

CERTIFICATE_REPORT = "coop_membership.action_report_share_certificate"


class CoopPortal(CustomerPortal):
    """/my/coop: a member's card number, state, shares and certificate."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coop_member_count" in counters:
            partner = request.env.user.partner_id
            values["coop_member_count"] = int(
                bool(partner.coop_member_number or partner.coop_card_barcode)
            )
        return values

    def _coop_share_lines(self, partner):
        """The member's share register lines, if the share register is installed
        (read as the portal user: record rules show only their own)."""
        if "coop.share.line" not in request.env:
            return []
        return request.env["coop.share.line"].search(
            [("partner_id", "=", partner.id)], order="date, id"
        )

    @http.route("/my/coop", type="http", auth="user", website=True)
    def portal_my_coop(self, **kw):
        partner = request.env.user.partner_id
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "coop_member",
                "partner": partner,
                # sudo: only the name of the member this household member is
                # attached to, shown to that household member
                "household_of": partner.sudo().coop_household_parent_id.name,
                "share_lines": self._coop_share_lines(partner),
                "has_certificate": bool(
                    partner.coop_share_qty
                    and request.env.ref(CERTIFICATE_REPORT, raise_if_not_found=False)
                ),
            }
        )
        return request.render("coop_membership.portal_my_coop", values)

    @http.route("/my/coop/certificate", type="http", auth="user", website=True)
    def portal_my_coop_certificate(self, **kw):
        partner = request.env.user.partner_id
        report = request.env.ref(CERTIFICATE_REPORT, raise_if_not_found=False)
        if not report or not partner.coop_share_qty:
            return request.redirect("/my/coop")
        # sudo: the certificate report is a desk report; it is rendered only for
        # the logged-in user's own partner
        pdf, _type = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf(CERTIFICATE_REPORT, [partner.id])
        )
        headers = [
            ("Content-Type", "application/pdf"),
            ("Content-Length", len(pdf)),
            ("Content-Disposition", 'attachment; filename="certificat-parts.pdf"'),
        ]
        return request.make_response(pdf, headers=headers)
