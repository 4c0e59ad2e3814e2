# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

POS_MEMBER_FIELDS = [
    "coop_can_shop",
    "coop_shop_block_reason",
    "coop_state",
    "coop_card_barcode",
    "coop_member_number",
]
# wrong manager PINs a cashier may type before being locked out, and for how long
PIN_TRIES = 5
PIN_LOCK_MINUTES = 15


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
        self._coop_check_pos_user()
        result = self.coop_check_can_shop()
        config = self.env["pos.config"].browse(config_id).exists()
        if config.coop_members_only and not result["can_shop"]:
            self._coop_pos_log(config, "refused", result["reason"])
        result["partner"] = self.read(POS_MEMBER_FIELDS)[0]
        return result

    def coop_pos_override(self, config_id, pin):
        """A POS manager lets this partner buy despite a refusal, with their PIN.

        Only a cashier of an open session of that till may ask; after
        ``PIN_TRIES`` wrong PINs in ``PIN_LOCK_MINUTES`` the cashier is locked
        out for that time. The PIN is checked here against hashes; the
        override is logged with the manager's name and lets the next paid
        order of this customer on this session through (``pos.order``).
        Returns ``{"ok": bool, "manager": name, "message": text}``.
        """
        self.ensure_one()
        config = self._coop_pos_open_config(config_id)
        reason = self.coop_check_can_shop()["reason"] or _("May shop")
        if self._coop_pos_locked_out():
            return {
                "ok": False,
                "manager": False,
                "message": _(
                    "Too many wrong PINs: try again in %(minutes)s minutes.",
                    minutes=PIN_LOCK_MINUTES,
                ),
            }
        manager = self.env["res.users"]._coop_pos_manager_by_pin(pin)
        if not manager:
            # every failed attempt is kept: proof, and a trace of PIN guessing
            self._coop_pos_log(config, "wrong_pin", reason)
            return {
                "ok": False,
                "manager": False,
                "message": _("This PIN is not the PIN of a POS manager."),
            }
        self._coop_pos_log(config, "override", reason, manager)
        return {"ok": True, "manager": manager.name, "message": False}

    @api.model
    def _coop_check_pos_user(self):
        """Refuse a caller who is not a cashier (POS user)."""
        if not self.env.user.has_group("point_of_sale.group_pos_user"):
            raise AccessError(_("Only a cashier may ask this."))

    @api.model
    def _coop_pos_open_config(self, config_id):
        """The till ``config_id``, if the caller is a cashier and the till has
        an open session in one of the caller's companies; else refuse."""
        self._coop_check_pos_user()
        config = self.env["pos.config"].browse(config_id).exists()
        session = config.current_session_id
        if (
            not session
            or session.state != "opened"
            or config.company_id not in self.env.user.company_ids
        ):
            raise AccessError(
                _("A manager override needs an open session of this point of sale.")
            )
        return config

    @api.model
    def _coop_pos_locked_out(self):
        """Whether the caller typed ``PIN_TRIES`` wrong PINs in the last
        ``PIN_LOCK_MINUTES`` minutes (counted on the access log)."""
        since = fields.Datetime.now() - timedelta(minutes=PIN_LOCK_MINUTES)
        # sudo: a count of the caller's own failed attempts, nothing read back
        wrong = (
            self.env["coop.pos.access.log"]
            .sudo()
            .search_count(
                [
                    ("user_id", "=", self.env.user.id),
                    ("event", "=", "wrong_pin"),
                    ("date", ">=", since),
                ]
            )
        )
        return wrong >= PIN_TRIES

    def _coop_pos_log(self, config, event, reason, manager=None, order_ref=False):
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
                    "order_ref": order_ref,
                }
            )
        )
