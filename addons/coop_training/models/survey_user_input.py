# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveyUserInput(models.Model):
    """A survey answer, linked to the enrolment it evaluates."""

    _inherit = "survey.user_input"

    coop_registration_id = fields.Many2one(
        "event.registration", string="Training enrolment", index="btree_not_null"
    )
    coop_survey_kind = fields.Selection(
        [
            ("positioning", "Positioning at entry"),
            ("assessment", "Assessment"),
            ("satisfaction", "Satisfaction at the end"),
            ("cold", "Satisfaction later"),
        ],
        string="Training survey",
    )
    coop_event_type_id = fields.Many2one(
        related="coop_registration_id.event_id.event_type_id", store=True
    )
