# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .bpf_codes import OBJECTIVES


class EventType(models.Model):
    """A course of the catalogue: the programme a French training body publishes.

    Sessions (``event.event``) are run from a course; the programme fields are
    the information Qualiopi indicator 1 and article L6353-8 require.
    """

    _inherit = "event.type"

    coop_is_training = fields.Boolean(string="Training course")
    coop_code = fields.Char(string="Course code")
    # programme
    coop_objectives = fields.Html(string="Objectives", translate=True)
    coop_prerequisites = fields.Text(string="Prerequisites", translate=True)
    coop_audience = fields.Text(string="Audience", translate=True)
    coop_content = fields.Html(string="Content", translate=True)
    coop_duration_hours = fields.Float(string="Duration (hours)")
    coop_modality = fields.Selection(
        [("on_site", "On site"), ("distance", "Distance"), ("mixed", "Mixed")],
        string="Modality",
        default="on_site",
    )
    coop_teaching_methods = fields.Text(string="Teaching methods", translate=True)
    coop_assessment_methods = fields.Text(string="Assessment methods", translate=True)
    coop_accessibility = fields.Text(string="Accessibility", translate=True)
    coop_disability_contact_id = fields.Many2one(
        "res.partner", string="Disability contact"
    )
    coop_access_delay = fields.Char(
        string="Access delay", translate=True, help="e.g. 'two weeks before start'"
    )
    coop_price = fields.Monetary(string="Price (excl. VAT)")
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id
    )
    # BPF
    coop_bpf_objective = fields.Selection(
        OBJECTIVES, string="BPF objective (F-3)", default="other"
    )
    coop_nsf_code = fields.Char(
        string="NSF speciality code (F-4)", help="e.g. 310 or 333t"
    )
    coop_rncp_code = fields.Char(string="RNCP / RS code")
    # completion
    coop_qualification_ids = fields.Many2many(
        "coop.qualification",
        string="Qualifications granted",
        help="Granted to the learner when the training is completed.",
    )
    coop_attendance_threshold = fields.Float(
        string="Attendance threshold (%)",
        default=80.0,
        help="Minimum share of the planned hours a learner must attend (signed) "
        "to complete the training.",
    )
    # surveys
    coop_positioning_survey_id = fields.Many2one("survey.survey", "Positioning test")
    coop_assessment_survey_id = fields.Many2one("survey.survey", "Assessment")
    coop_satisfaction_survey_id = fields.Many2one(
        "survey.survey", "Satisfaction survey (end)"
    )
    coop_cold_survey_id = fields.Many2one(
        "survey.survey", "Satisfaction survey (later)"
    )
    coop_cold_survey_days = fields.Integer(
        string="Later survey after (days)", default=90
    )
    # published indicators (Qualiopi indicator 2)
    coop_indicator_trained = fields.Integer(
        string="Learners trained", compute="_compute_coop_indicators"
    )
    coop_indicator_completion = fields.Float(
        string="Completion rate (%)", compute="_compute_coop_indicators"
    )
    coop_indicator_satisfaction = fields.Float(
        string="Satisfaction (%)", compute="_compute_coop_indicators"
    )

    _sql_constraints = [
        (
            "coop_threshold_range",
            "CHECK(coop_attendance_threshold BETWEEN 0 AND 100)",
            "The attendance threshold is a percentage between 0 and 100.",
        ),
    ]

    @api.depends("coop_is_training")
    @api.depends_context("coop_indicator_company_id")
    def _compute_coop_indicators(self):
        """Published results: learners who finished (attended), the share of
        them who completed (among attended and abandoned), and the mean score of
        the end-of-training satisfaction surveys answered."""
        Registration = self.env["event.registration"].sudo()
        company_id = self.env.context.get("coop_indicator_company_id")
        company = [("event_id.company_id", "=", company_id)] if company_id else []
        groups = Registration._read_group(
            [
                ("event_id.event_type_id", "in", self.ids),
                ("coop_training_state", "in", ("attended", "abandoned")),
                *company,
            ],
            ["event_id", "coop_training_state", "coop_completed"],
            ["__count"],
        )
        stats = {}
        for event, state, completed, count in groups:
            row = stats.setdefault(event.event_type_id.id, [0, 0, 0])
            row[0] += count
            row[1] += count if state == "attended" else 0
            row[2] += count if completed else 0
        satisfaction = dict(
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [
                    ("coop_registration_id.event_id.event_type_id", "in", self.ids),
                    *[("coop_registration_id." + f, o, v) for f, o, v in company],
                    ("coop_survey_kind", "in", ("satisfaction", "cold")),
                    ("state", "=", "done"),
                ],
                ["coop_event_type_id"],
                ["scoring_percentage:avg"],
            )
        )
        for course in self:
            total, attended, completed = stats.get(course.id, (0, 0, 0))
            course.coop_indicator_trained = attended
            course.coop_indicator_completion = (
                100.0 * completed / total if total else 0.0
            )
            course.coop_indicator_satisfaction = satisfaction.get(course, 0.0)

    def _coop_format_hours(self, hours):
        """Hours the French way, as the regulated documents print them:
        ``14 h``, ``3,50 h``."""
        hours = round(hours or 0.0, 2)
        if hours == int(hours):
            return f"{int(hours)}\u00a0h"
        return f"{hours:.2f}".replace(".", ",") + "\u00a0h"
