# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

MAJORITIES = [
    ("simple", "Simple majority"),
    ("two_thirds", "Two thirds"),
    ("three_quarters", "Three quarters"),
]
# Share of the votes cast (for + against) a resolution needs, and whether
# reaching it exactly is enough.
THRESHOLDS = {
    "simple": (1 / 2, False),
    "two_thirds": (2 / 3, True),
    "three_quarters": (3 / 4, True),
}


class CoopAssemblyResolution(models.Model):
    """A resolution on the agenda of an assembly, and its vote."""

    _name = "coop.assembly.resolution"
    _description = "Resolution"
    _order = "assembly_id, sequence, id"

    assembly_id = fields.Many2one(
        "coop.assembly", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="assembly_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Title", required=True, translate=True)
    text = fields.Html(string="Text of the resolution", translate=True)
    majority = fields.Selection(
        MAJORITIES,
        required=True,
        compute="_compute_majority",
        store=True,
        readonly=False,
        precompute=True,
        help="Share of the votes cast (for and against; abstentions are not "
        "votes cast) the resolution needs to be adopted.",
    )

    @api.depends("assembly_id.kind")
    def _compute_majority(self):
        """By default, an extraordinary assembly decides at two thirds and any
        other at simple majority; each resolution may set its own rule."""
        for resolution in self:
            if not resolution.majority:
                kind = resolution.assembly_id.kind
                resolution.majority = (
                    "two_thirds" if kind == "extraordinary" else "simple"
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        assemblies = self.env["coop.assembly"].browse(
            {vals.get("assembly_id") for vals in vals_list}
        )
        if any(a.state != "draft" for a in assemblies):
            raise UserError(_("The agenda is fixed once members are convened."))
        return super().create(vals_list)

    def write(self, vals):
        if {"name", "text", "majority", "assembly_id"}.intersection(vals) and any(
            r.assembly_id.state != "draft" for r in self
        ):
            raise UserError(_("The agenda is fixed once members are convened."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(r.assembly_id.state != "draft" for r in self):
            raise UserError(_("The agenda is fixed once members are convened."))

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _is_adopted(self, majority, votes_for, votes_against):
        """The majority rule: a resolution is adopted when the votes for reach
        the rule's share of the votes cast (for + against): more than half for
        a simple majority, at least two thirds or three quarters otherwise.
        Without any vote cast, it is not adopted."""
        cast = votes_for + votes_against
        if cast <= 0:
            return False
        share, inclusive = THRESHOLDS[majority]
        ratio = votes_for / cast
        # tolerance against float rounding (e.g. 2/3 computed from weights)
        return ratio >= share - 1e-9 if inclusive else ratio > share + 1e-9
