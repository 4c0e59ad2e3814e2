# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

MILESTONE_TYPES = [
    ("association", "Founding association created"),
    ("members", "Members recruited"),
    ("shares", "Shares collected"),
    ("premises", "Premises found"),
    ("financing", "Financing secured"),
    ("statutes", "Cooperative statutes adopted"),
    ("opening", "Shop opened"),
]


class CoopTrainingCohort(models.Model):
    """A cooperative in creation followed by the training centre (essaimage):
    the new coop as a company, its founding team as learners, the sessions of
    its curriculum and the milestones of the project."""

    _name = "coop.training.cohort"
    _description = "Cohort of a cooperative in creation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, name"

    name = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Cooperative in creation",
        required=True,
        domain=[("is_company", "=", True)],
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users", string="Coordinator", default=lambda self: self.env.user
    )
    learner_ids = fields.Many2many("res.partner", string="Founding team")
    event_ids = fields.Many2many(
        "event.event",
        "coop_training_cohort_event_rel",
        "cohort_id",
        "event_id",
        string="Curriculum",
    )
    milestone_ids = fields.One2many(
        "coop.training.milestone", "cohort_id", string="Milestones"
    )
    date_start = fields.Date(string="Start", default=fields.Date.context_today)
    state = fields.Selection(
        [
            ("preparing", "Preparing"),
            ("training", "In training"),
            ("opened", "Opened"),
            ("stopped", "Stopped"),
        ],
        default="preparing",
        required=True,
        tracking=True,
        group_expand="_expand_states",
    )
    progress = fields.Float(
        compute="_compute_progress", string="Milestones reached (%)"
    )
    learner_count = fields.Integer(compute="_compute_progress")
    color = fields.Integer()

    @api.depends("milestone_ids.date_done", "learner_ids")
    def _compute_progress(self):
        for cohort in self:
            milestones = cohort.milestone_ids
            done = milestones.filtered("date_done")
            cohort.progress = 100.0 * len(done) / len(milestones) if milestones else 0.0
            cohort.learner_count = len(cohort.learner_ids)

    @api.model
    def _expand_states(self, states, domain):
        return [key for key, _label in self._fields["state"].selection]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "milestone_ids" not in vals:
                vals["milestone_ids"] = [
                    fields.Command.create({"milestone_type": key})
                    for key, _label in MILESTONE_TYPES
                ]
        return super().create(vals_list)

    def action_confirm_team(self):
        """Enrol the founding team in every session of the curriculum and
        confirm their enrolments, all or nothing (one transaction: the event
        mails are queued, see ``event.registration._update_mail_schedulers``)."""
        self.check_access("write")
        self.action_enrol_team()
        drafts = self.env["event.registration"].search(
            [
                ("coop_cohort_id", "in", self.ids),
                ("coop_training_state", "=", "draft"),
                ("state", "!=", "cancel"),
            ]
        )
        drafts.action_coop_confirm()
        return True

    def action_enrol_team(self):
        """Enrol the founding team in every session of the curriculum (draft
        enrolments, existing ones are kept)."""
        Registration = self.env["event.registration"]
        existing = {
            (reg.event_id.id, reg.coop_learner_id.id)
            for reg in Registration.search([("event_id", "in", self.event_ids.ids)])
        }
        vals = [
            {
                "event_id": event.id,
                "partner_id": learner.id,
                "coop_cohort_id": cohort.id,
                "coop_trainee_type": "other",
            }
            for cohort in self
            for event in cohort.event_ids
            for learner in cohort.learner_ids
            if (event.id, learner.id) not in existing
        ]
        return Registration.create(vals)
