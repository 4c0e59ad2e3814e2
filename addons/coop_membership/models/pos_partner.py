# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models

POS_MEMBER_FIELDS = [
    "coop_can_shop",
    "coop_shop_block_reason",
    "coop_state",
    "coop_card_barcode",
    "coop_member_number",
]


# One file per concern keeps each under 400 lines (res.partner gathers members,
# cards, shares and the till): the classes are not merged on purpose.
# pylint: disable=consider-merging-classes-inherited


class ResPartner(models.Model):
    """What the till asks about a partner (members-only points of sale)."""

    _inherit = "res.partner"

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + POS_MEMBER_FIELDS

    def coop_pos_check_can_shop(self, config_id=False):
        """Answer the till from the database, never from data loaded earlier.

        Returns ``coop_check_can_shop()`` plus the fresh member fields (the till
        refreshes its copy with them). On a members-only point of sale, a
        refusal is logged.
        """
        self.ensure_one()
        result = self.coop_check_can_shop()
        config = self.env["pos.config"].browse(config_id).exists()
        if config.coop_members_only and not result["can_shop"]:
            self._coop_pos_log(config, "refused", result["reason"])
        result["partner"] = self.read(POS_MEMBER_FIELDS)[0]
        return result

    def coop_pos_override(self, config_id, pin):
        """A POS manager lets this partner buy despite a refusal, with their PIN.

        The PIN is checked here, on the server; the override is logged with the
        manager's name. Returns ``{"ok": bool, "manager": name}``.
        """
        self.ensure_one()
        config = self.env["pos.config"].browse(config_id).exists()
        manager = self._coop_pos_manager_by_pin(pin)
        reason = self.coop_check_can_shop()["reason"] or _("May shop")
        if not manager:
            # every failed attempt is kept: proof, and a trace of PIN guessing
            self._coop_pos_log(config, "wrong_pin", reason)
            return {"ok": False, "manager": False}
        self._coop_pos_log(config, "override", reason, manager)
        return {"ok": True, "manager": manager.name}

    @api.model
    def _coop_pos_manager_by_pin(self, pin):
        """The POS manager whose till override PIN is ``pin``, if any."""
        if not pin or not str(pin).isdigit():
            return self.env["res.users"]
        manager_group = self.env.ref("point_of_sale.group_pos_manager")
        # sudo: cashiers may not read PINs; only the match is returned, never a PIN
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("coop_pos_pin", "=", str(pin)),
                    ("groups_id", "in", manager_group.ids),
                ],
                limit=1,
            )
        )

    def _coop_pos_log(self, config, event, reason, manager=None):
        """Write one access log line. Cashiers cannot create log lines
        themselves (they could forge an override); this method is the only
        writer and fixes every value from the check it just made."""
        # sudo: values are set here, never taken from the client, and the
        # cashier is recorded as the user who made the request
        return (
            self.env["coop.pos.access.log"]
            .sudo()
            .create(
                {
                    "user_id": self.env.user.id,
                    "company_id": (config.company_id or self.env.company).id,
                    "event": event,
                    "partner_id": self.id,
                    "reason": reason,
                    "override_user_id": manager.id if manager else False,
                    "config_id": config.id,
                    "session_id": config.current_session_id.id,
                }
            )
        )
