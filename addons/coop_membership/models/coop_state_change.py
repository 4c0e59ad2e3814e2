# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class CoopStateChange(models.Model):
    """One line of a member's status timeline, written by the state engine.

    The timeline is evidence: it is append-only for every role. Lines are added
    (by the engine's INSERT, or ``create``) and never edited nor deleted; a line
    records its author (empty: the status engine itself).
    """

    _name = "coop.state.change"
    _description = "Member status change"
    _order = "date desc, id desc"
    _log_access = False

    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade"
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    old_state = fields.Selection(selection="_selection_states", readonly=True)
    new_state = fields.Selection(
        selection="_selection_states", required=True, readonly=True
    )
    can_shop = fields.Boolean(readonly=True)
    reason = fields.Char(readonly=True)
    author_id = fields.Many2one(
        "res.users",
        string="Author",
        readonly=True,
        help="Who caused the change; empty when the status engine decided it.",
    )

    def _selection_states(self):
        return (
            self.env["res.partner"]
            ._fields["coop_state"]
            ._description_selection(self.env)
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["author_id"] = self.env.uid
            if not self.env.su:
                vals["date"] = fields.Datetime.now()
        return super().create(vals_list)

    def write(self, vals):
        """Only bookkeeping flags of other addons (``_coop_mutable_fields``) may
        change; the timeline itself is never rewritten, whoever asks."""
        if set(vals) - self._coop_mutable_fields():
            raise UserError(
                self.env._("The status timeline is never edited: it is evidence.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("The status timeline is never deleted: it is evidence.")
        )

    @api.model
    def _coop_mutable_fields(self):
        """Fields that are not the timeline (e.g. "mailed" flags of a cron)."""
        return set()
