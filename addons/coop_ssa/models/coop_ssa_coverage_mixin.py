# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .ssa_flow import in_ssa_flow


class CoopSsaCoverageMixin(models.AbstractModel):
    """What carries an SSA coverage level (product, category, supplier).

    The rule: a coverage level changes only through an applied committee
    decision (``coop.ssa.decision.action_apply``, SSA managers). Whoever may
    otherwise edit the product, category or contact cannot set it. Server code
    in superuser mode (data files, demo) is not a client and is let through.
    """

    _name = "coop.ssa.coverage.mixin"
    _description = "SSA coverage carrier"

    ssa_level_id = fields.Many2one(
        "coop.ssa.level",
        string="SSA coverage",
        copy=False,
        readonly=True,
        help="Set only by applying a committee decision of the fund.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("ssa_level_id") for vals in vals_list):
            self._ssa_check_coverage_change()
        return super().create(vals_list)

    def write(self, vals):
        if "ssa_level_id" in vals and any(
            rec.ssa_level_id.id != (vals["ssa_level_id"] or False) for rec in self
        ):
            self._ssa_check_coverage_change()
        return super().write(vals)

    @api.model
    def _ssa_check_coverage_change(self):
        if self.env.su:
            return
        if in_ssa_flow(self.env) and self.env.user.has_group(
            "coop_ssa.group_ssa_manager"
        ):
            return
        raise AccessError(
            _(
                "SSA coverage levels change only by applying a committee decision "
                "(Food allowance > Conventionnement), by an SSA manager."
            )
        )
