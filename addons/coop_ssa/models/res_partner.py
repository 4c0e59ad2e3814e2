# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "coop.ssa.coverage.mixin"]

    ssa_local_producer = fields.Boolean(string="Local producer")
    ssa_organic = fields.Boolean(string="Organic")
    ssa_margin_transparency = fields.Boolean(string="Transparent margins")
    ssa_level_id = fields.Many2one(
        string="SSA coverage of products",
        help="Coverage of this supplier's products that have none of their own.",
    )
    ssa_beneficiary_ids = fields.One2many(
        "coop.ssa.beneficiary",
        "partner_id",
        string="SSA participations",
        groups="coop_ssa.group_ssa_officer",
    )
    ssa_wallet_count = fields.Integer(
        string="SSA wallets",
        compute="_compute_ssa_wallet_balance",
        groups="coop_ssa.group_ssa_officer",
    )
    ssa_wallet_balance = fields.Monetary(
        string="SSA balance",
        compute="_compute_ssa_wallet_balance",
        currency_field="ssa_currency_id",
        groups="coop_ssa.group_ssa_officer",
    )
    ssa_currency_id = fields.Many2one(
        "res.currency",
        string="SSA currency",
        compute="_compute_ssa_wallet_balance",
        groups="coop_ssa.group_ssa_officer",
    )

    @api.depends_context("uid", "company")
    def _compute_ssa_wallet_balance(self):
        """The SSA balance shown on a contact is the sum of its active wallets
        that the reader may see; a reader without access to the wallets sees
        nothing (0) instead of an access error."""
        wallets = self.env["coop.ssa.beneficiary"]
        totals = {}
        if wallets.has_access("read"):
            groups = wallets._read_group(
                [("partner_id", "in", self._origin.ids)],
                ["partner_id"],
                ["__count", "wallet_balance:sum"],
            )
            totals = {partner: (count, total) for partner, count, total in groups}
        for partner in self:
            count, total = totals.get(partner._origin, (0, 0.0))
            partner.ssa_wallet_count = count
            partner.ssa_wallet_balance = total
            partner.ssa_currency_id = self.env.company.currency_id

    # ------------------------------------------------------------------
    # Portal self-service hooks (issue #18, helper "portal"): coop_membership's
    # hooks extended with the food allowance (one block at the end of the file)
    # ------------------------------------------------------------------
    def _coop_ssa_wallets(self):
        """This person's allowance wallets (active or not), read as superuser:
        the caller reads them for this partner only."""
        return (
            self.env["coop.ssa.beneficiary"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "=", self.id)])
        )

    def _coop_personal_data(self):
        """Add the allowance wallets and every movement."""
        data = super()._coop_personal_data()
        Line = self.env["coop.ssa.wallet.line"]
        kinds = dict(Line._fields["kind"]._description_selection(self.env))
        wallets = self._coop_ssa_wallets()
        data["ssa_wallets"] = [
            {
                "fund": ben.fund_id.name,
                "card_code": ben.card_code or "",
                "date_start": str(ben.date_start or ""),
                "date_end": str(ben.date_end or ""),
                "balance": ben.wallet_balance,
            }
            for ben in wallets
        ]
        data["ssa_movements"] = [
            {
                "fund": line.fund_id.name,
                "date": str(line.date),
                "kind": kinds.get(line.kind, line.kind),
                "amount": line.amount,
                "note": line.note or "",
            }
            for line in Line.sudo().search(
                [("beneficiary_id", "in", wallets.ids)], order="date, id"
            )
        ]
        return data
