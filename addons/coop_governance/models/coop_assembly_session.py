# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .coop_assembly import CHAIR_GROUP

# The session (quorum, opening) sits apart from the preparation and the door,
# one file per concern: the classes are not merged on purpose.
# pylint: disable=consider-merging-classes-inherited


class CoopAssembly(models.Model):
    """The session: the quorum, live and as recorded at the opening."""

    _inherit = "coop.assembly"

    quorum_threshold = fields.Float(
        string="Quorum required (%)",
        compute="_compute_quorum_threshold",
        help="From the company settings, for this kind of assembly and call.",
    )
    live_present = fields.Integer(string="Present", compute="_compute_live_quorum")
    live_represented = fields.Integer(
        string="Represented", compute="_compute_live_quorum"
    )
    live_ratio = fields.Float(string="Quorum (%)", compute="_compute_live_quorum")
    live_quorum_reached = fields.Boolean(
        string="Quorum reached", compute="_compute_live_quorum"
    )

    @api.depends("kind", "call", "company_id")
    def _compute_quorum_threshold(self):
        for assembly in self:
            assembly.quorum_threshold = assembly.company_id._coop_quorum_threshold(
                assembly.kind, assembly.call
            )

    @api.depends_context("uid")
    def _compute_live_quorum(self):
        for assembly in self:
            counts = assembly._quorum_counts() if assembly.id else {}
            assembly.live_present = counts.get("present", 0)
            assembly.live_represented = counts.get("represented", 0)
            assembly.live_ratio = assembly._quorum_ratio(counts)
            assembly.live_quorum_reached = assembly._is_quorum_reached(counts)

    def _quorum_ratio(self, counts):
        """Present and represented voters, in percent of the voters."""
        if not counts.get("voters"):
            return 0.0
        return 100.0 * (counts["present"] + counts["represented"]) / counts["voters"]

    def _is_quorum_reached(self, counts):
        """The quorum rule: the voters present or represented reach the
        percentage of all voters the statutes set for this kind of assembly
        and call (first or second); at least one voter must be present."""
        self.ensure_one()
        if not counts.get("present"):
            return False
        return self._quorum_ratio(counts) >= self.quorum_threshold - 1e-9

    def action_open(self):
        """Open the session (chair): the quorum is recorded; without it the
        assembly cannot deliberate and is not opened."""
        self._check_group(CHAIR_GROUP)
        for assembly in self:
            if assembly.state != "convened":
                raise UserError(_("Only a convened assembly can be opened."))
            counts = assembly._quorum_counts()
            if not assembly._is_quorum_reached(counts):
                raise UserError(
                    _(
                        "The quorum is not reached: %(ratio).1f %% of the voters "
                        "are present or represented, %(required).1f %% are "
                        "required. Convene the members again on second call.",
                        ratio=assembly._quorum_ratio(counts),
                        required=assembly.quorum_threshold,
                    )
                )
            assembly._flow_write(
                {
                    "state": "open",
                    "opened_date": fields.Datetime.now(),
                    "quorum_voters": counts["voters"],
                    "quorum_present": counts["present"],
                    "quorum_represented": counts["represented"],
                    "quorum_reached": True,
                }
            )
            assembly.message_post(
                body=_(
                    "Session opened: %(present)s present, %(represented)s "
                    "represented, out of %(voters)s voters.",
                    **counts,
                )
            )
        return True

    def action_quorum_screen(self):
        """The live quorum on a large screen (refreshes itself)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/coop/assembly/{self.id}/quorum",
            "target": "new",
        }
