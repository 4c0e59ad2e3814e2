# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

MOVEMENTS_SHOWN = 60


class CoopSsaPortalAllowance(CustomerPortal):
    """/my/allowance: a beneficiary's food-allowance wallets, this month's
    allowance and the movements. Wallets are staff records: they are read as
    superuser, always through the logged-in user's own partner."""

    def _coop_my_wallets(self):
        return request.env.user.partner_id._coop_ssa_wallets()

    def _coop_wallet_values(self, wallet):
        """Balance, this month's allotments and the last movements of one of
        the member's wallets (already checked as theirs)."""
        Line = request.env["coop.ssa.wallet.line"].sudo()
        month = fields.Date.context_today(request.env.user).replace(day=1)
        allotted = Line._read_group(
            [
                ("beneficiary_id", "=", wallet.id),
                ("kind", "=", "allotment"),
                ("period", "=", month),
            ],
            [],
            ["amount:sum"],
        )[0][0]
        lines = Line.search(
            [("beneficiary_id", "=", wallet.id)],
            order="date desc, id desc",
            limit=MOVEMENTS_SHOWN,
        )
        return {"wallet": wallet, "month_allowance": allotted or 0.0, "lines": lines}

    @http.route("/my/allowance", type="http", auth="user", website=True)
    def portal_my_allowance(self, **kw):
        wallets = self._coop_my_wallets()
        if len(wallets) == 1:
            return self._coop_render(wallets, wallets)
        return self._coop_render(wallets, None)

    @http.route("/my/allowance/<int:wallet_id>", type="http", auth="user", website=True)
    def portal_my_allowance_wallet(self, wallet_id, **kw):
        wallets = self._coop_my_wallets()
        wallet = wallets.filtered(lambda w: w.id == wallet_id)
        if not wallet:
            raise request.not_found()
        return self._coop_render(wallets, wallet)

    def _coop_render(self, wallets, wallet):
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "coop_allowance", "wallets": wallets})
        if wallet:
            values.update(self._coop_wallet_values(wallet))
        return request.render("coop_ssa.portal_my_allowance", values)
