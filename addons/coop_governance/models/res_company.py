# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    """What the statutes say about general assemblies."""

    _inherit = "res.company"

    coop_assembly_proxy_max = fields.Integer(
        string="Proxies per holder",
        default=2,
        help="Most proxies one voter may hold at an assembly (statutes).",
    )
    coop_assembly_notice_days = fields.Integer(
        string="Convocation notice (days)",
        default=15,
        help="Members are convened at least this many days before the assembly.",
    )
    coop_quorum_ordinary_first = fields.Float(
        string="Quorum, ordinary, first call (%)", default=20.0
    )
    coop_quorum_ordinary_second = fields.Float(
        string="Quorum, ordinary, second call (%)", default=0.0
    )
    coop_quorum_extraordinary_first = fields.Float(
        string="Quorum, extraordinary, first call (%)", default=25.0
    )
    coop_quorum_extraordinary_second = fields.Float(
        string="Quorum, extraordinary, second call (%)", default=20.0
    )
    coop_quorum_other_first = fields.Float(
        string="Quorum, other bodies, first call (%)", default=0.0
    )
    coop_quorum_other_second = fields.Float(
        string="Quorum, other bodies, second call (%)", default=0.0
    )

    def _coop_quorum_threshold(self, kind, call):
        """The quorum (a percentage of the voters) the statutes set for an
        assembly of this ``kind`` at this ``call`` (``first`` or ``second``)."""
        self.ensure_one()
        return self[f"coop_quorum_{kind}_{call}"]
