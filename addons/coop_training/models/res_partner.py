# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .bpf_codes import FUNDER_TYPES


class ResPartner(models.Model):
    _inherit = "res.partner"

    coop_training_funder_type = fields.Selection(
        FUNDER_TYPES,
        string="Training funder type",
        help="Default BPF income line when this partner pays for a training.",
    )
    coop_training_registration_ids = fields.One2many(
        "event.registration", "coop_learner_id", string="Trainings followed"
    )
    coop_training_registration_count = fields.Integer(
        string="Trainings",
        compute="_compute_coop_training_registration_count",
        groups="coop_training.group_training_trainer",
    )

    @api.depends_context("uid", "company")
    def _compute_coop_training_registration_count(self):
        """Count the training enrolments of each person that the reader may
        see (record rules apply); a reader without access sees 0, no error."""
        registrations = self.env["event.registration"]
        counts = {}
        if registrations.has_access("read"):
            counts = dict(
                registrations._read_group(
                    [
                        ("coop_learner_id", "in", self._origin.ids),
                        ("event_id.coop_is_training", "=", True),
                    ],
                    ["coop_learner_id"],
                    ["__count"],
                )
            )
        for partner in self:
            partner.coop_training_registration_count = counts.get(partner._origin, 0)
