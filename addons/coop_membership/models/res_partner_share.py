# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# One file per concern keeps each under 400 lines (res.partner gathers members,
# cards, shares and the till): the classes are not merged on purpose.
# pylint: disable=consider-merging-classes-inherited


class ResPartner(models.Model):
    """Shares held, read from the share register (``coop.share.line``)."""

    _inherit = "res.partner"

    coop_share_line_ids = fields.One2many(
        "coop.share.line", "partner_id", string="Share register", readonly=True
    )
    coop_subscription_ids = fields.One2many(
        "coop.share.subscription", "partner_id", string="Share subscriptions"
    )
    coop_share_qty = fields.Integer(
        compute="_compute_coop_share_qty", store=True, compute_sudo=True
    )
    coop_was_member = fields.Boolean(
        compute="_compute_coop_share_qty", store=True, compute_sudo=True
    )
    coop_share_amount = fields.Monetary(
        string="Share capital held",
        compute="_compute_coop_share_amount",
        currency_field="coop_currency_id",
    )
    coop_currency_id = fields.Many2one(
        "res.currency", compute="_compute_coop_share_amount"
    )

    @api.depends("coop_share_line_ids.quantity", "coop_subscription_ids.cancelled")
    def _compute_coop_share_qty(self):
        """Shares held = sum of the register.

        "Has held shares" once a line added shares, except the lines of a
        subscription later cancelled (that person never was a member).
        """
        partners = self.filtered("id")
        Line = self.env["coop.share.line"]
        totals = dict(
            Line._read_group(
                [("partner_id", "in", partners.ids)], ["partner_id"], ["quantity:sum"]
            )
        )
        positive = {
            partner
            for [partner] in Line._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("quantity", ">", 0),
                    "|",
                    ("subscription_id", "=", False),
                    ("subscription_id.cancelled", "=", False),
                ],
                ["partner_id"],
            )
        }
        for partner in self:
            partner.coop_share_qty = totals.get(partner, 0)
            partner.coop_was_member = partner in positive

    @api.depends("coop_share_line_ids.amount")
    def _compute_coop_share_amount(self):
        amounts = dict(
            self.env["coop.share.line"]._read_group(
                [("partner_id", "in", self.filtered("id").ids)],
                ["partner_id"],
                ["amount:sum"],
            )
        )
        for partner in self:
            partner.coop_share_amount = amounts.get(partner, 0.0)
            partner.coop_currency_id = self.env.company.currency_id

    def _coop_holdings_by_type(self, date=None):
        """``[(share_type, quantity, amount)]`` held at ``date`` (certificate)."""
        self.ensure_one()
        holdings = self.env["coop.share.line"]._coop_holdings(self, date=date)
        types = self.env["coop.share.type"].browse(t for _p, t in holdings)
        return [
            (t, holdings[self.id, t.id], holdings[self.id, t.id] * t.unit_price)
            for t in types
            if holdings[self.id, t.id]
        ]

    def action_coop_view_share_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_membership.coop_share_line_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
