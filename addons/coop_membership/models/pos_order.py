# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# paid states of a POS order; an override is valid for this long on its session
PAID_STATES = ("paid", "done", "invoiced")
OVERRIDE_HOURS = 12


class PosOrder(models.Model):
    """Members only, decided by the server: whatever the till sends, an order
    of a members-only point of sale becomes paid only for a customer who may
    shop, or with a manager's override made on that session for that customer.
    """

    _inherit = "pos.order"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state", "draft") in PAID_STATES:
                session = self.env["pos.session"].browse(vals.get("session_id"))
                partner = self.env["res.partner"].browse(vals.get("partner_id"))
                self._coop_check_members_only(
                    session, partner, vals.get("uuid"), vals.get("amount_total", 0)
                )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("state") in PAID_STATES:
            for order in self.filtered(lambda o: o.state == "draft"):
                partner = (
                    self.env["res.partner"].browse(vals["partner_id"])
                    if "partner_id" in vals
                    else order.partner_id
                )
                self._coop_check_members_only(
                    order.session_id,
                    partner,
                    order.uuid,
                    vals.get("amount_total", order.amount_total),
                )
        return super().write(vals)

    @api.model
    def _coop_check_members_only(self, session, partner, order_ref, amount):
        """Refuse a sale to a customer who may not shop on a members-only
        till, unless a manager override for them is waiting on this session;
        the refusal is logged (a refund is never refused)."""
        config = session.config_id
        if not config.coop_members_only or amount < 0:
            return
        partner = partner.exists()
        if partner and partner.coop_check_can_shop()["can_shop"]:
            return
        if partner and self._coop_use_override(session, partner, order_ref):
            return
        reason = (
            partner.coop_check_can_shop()["reason"]
            if partner
            else _("No member was selected.")
        )
        self._coop_log_refused_order(config, partner, reason, order_ref)
        raise UserError(
            _(
                "Members only: this order was not recorded. %(reason)s",
                reason=reason,
            )
        )

    @api.model
    def _coop_use_override(self, session, partner, order_ref):
        """Tie to this order the override a manager gave this cashier for
        this customer on this session; whether there was one."""
        since = fields.Datetime.now() - timedelta(hours=OVERRIDE_HOURS)
        # sudo: cashiers read no log lines of others; only the match is used
        override = (
            self.env["coop.pos.access.log"]
            .sudo()
            .search(
                [
                    ("event", "=", "override"),
                    ("partner_id", "=", partner.id),
                    ("session_id", "=", session.id),
                    ("user_id", "=", self.env.uid),
                    ("date", ">=", since),
                    "|",
                    ("order_ref", "=", False),
                    ("order_ref", "=", order_ref or "?"),
                ],
                order="order_ref, date desc",
                limit=1,
            )
        )
        if override and not override.order_ref:
            override.order_ref = order_ref or "?"
        return bool(override)

    @api.model
    def _coop_log_refused_order(self, config, partner, reason, order_ref):
        """Log a refused paid order in its own transaction: the refusal rolls
        the order back, never the proof."""
        with self.env.registry.cursor() as cr:
            env = self.env(cr=cr)
            partner.with_env(env)._coop_pos_log(
                config.with_env(env), "order_refused", reason, order_ref=order_ref
            )
