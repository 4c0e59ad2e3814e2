# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

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
