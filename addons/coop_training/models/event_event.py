# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models


class EventEvent(models.Model):
    """A training session: trainers, subcontracting and half-day slots."""

    _inherit = "event.event"

    coop_is_training = fields.Boolean(
        related="event_type_id.coop_is_training", store=True
    )
    coop_trainer_employee_ids = fields.Many2many(
        "hr.employee", string="Trainers (staff)"
    )
    coop_trainer_partner_ids = fields.Many2many(
        "res.partner",
        "coop_training_event_external_trainer_rel",
        "event_id",
        "partner_id",
        string="External trainers",
    )
    coop_trainer_user_ids = fields.Many2many(
        "res.users",
        "coop_training_event_trainer_user_rel",
        "event_id",
        "user_id",
        string="Trainer users",
        compute="_compute_coop_trainer_user_ids",
        store=True,
        help="Users who may run this session (record rules).",
    )
    coop_trainer_skill_ids = fields.Many2many(
        "hr.skill",
        string="Trainers' skills",
        compute="_compute_coop_trainer_skill_ids",
        compute_sudo=True,
        help="Skills of the staff trainers (Qualiopi indicator 21).",
    )
    coop_subcontracted_out = fields.Boolean(
        string="Subcontracted to another provider",
        help="BPF F-2: the training is delivered by another provider for us.",
    )
    coop_subcontracted_in = fields.Boolean(
        string="Delivered for another provider",
        help="BPF G: trainees entrusted to us by another training body.",
    )
    coop_subcontractor_id = fields.Many2one("res.partner", string="Subcontractor")
    coop_slot_ids = fields.One2many("coop.training.slot", "event_id", string="Slots")
    coop_slot_count = fields.Integer(
        string="Half-days", compute="_compute_coop_counts", compute_sudo=True
    )
    coop_attendance_count = fields.Integer(
        string="Signatures", compute="_compute_coop_counts", compute_sudo=True
    )
    coop_document_count = fields.Integer(
        string="Documents", compute="_compute_coop_counts", compute_sudo=True
    )
    coop_hours_planned = fields.Float(
        string="Planned hours", compute="_compute_coop_hours_planned", store=True
    )
    coop_cohort_ids = fields.Many2many(
        "coop.training.cohort",
        "coop_training_cohort_event_rel",
        "event_id",
        "cohort_id",
        string="Cohorts",
    )
    coop_checklist_html = fields.Html(
        string="Quality checklist",
        compute="_compute_coop_checklist",
        compute_sudo=True,
        sanitize=False,
    )
    coop_checklist_missing = fields.Integer(
        string="Missing documents",
        compute="_compute_coop_checklist",
        compute_sudo=True,
    )

    @api.depends(
        "coop_trainer_employee_ids.user_id", "coop_trainer_partner_ids.user_ids"
    )
    def _compute_coop_trainer_user_ids(self):
        for event in self:
            event.coop_trainer_user_ids = (
                event.coop_trainer_employee_ids.user_id
                | event.coop_trainer_partner_ids.user_ids
            )

    @api.depends("coop_trainer_employee_ids.employee_skill_ids.skill_id")
    def _compute_coop_trainer_skill_ids(self):
        for event in self:
            event.coop_trainer_skill_ids = (
                event.coop_trainer_employee_ids.employee_skill_ids.skill_id
            )

    @api.depends("coop_slot_ids.duration")
    def _compute_coop_hours_planned(self):
        for event in self:
            event.coop_hours_planned = sum(event.coop_slot_ids.mapped("duration"))

    def _compute_coop_counts(self):
        Attendance = self.env["coop.training.attendance"]
        signed = dict(
            Attendance._read_group(
                [("event_id", "in", self.ids), ("signed_at", "!=", False)],
                ["event_id"],
                ["__count"],
            )
        )
        documents = dict(
            self.env["ir.attachment"]._read_group(
                self._coop_document_domain(), ["res_id"], ["__count"]
            )
        )
        for event in self:
            event.coop_slot_count = len(event.coop_slot_ids)
            event.coop_attendance_count = signed.get(event, 0)
            event.coop_document_count = sum(
                documents.get(reg.id, 0) for reg in event.registration_ids
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        """A session with signed half-days is evidence: it is never deleted
        (its half-days and enrolments would go with it)."""
        self.coop_slot_ids._unlink_except_signed()
        self.registration_ids._unlink_except_signed()

    def _compute_coop_checklist(self):
        for event in self:
            items = event._coop_checklist() if event.coop_is_training else []
            missing = [label for _code, label, done in items if not done]
            event.coop_checklist_missing = len(missing)
            event.coop_checklist_html = Markup("<ul>%s</ul>") % Markup("").join(
                Markup('<li class="%s">%s %s</li>')
                % (
                    "text-success" if done else "text-danger fw-bold",
                    "✔" if done else "✘",
                    escape(label),
                )
                for _code, label, done in items
            )

    def _coop_checklist(self):
        """The Qualiopi evidence a session must hold, as (code, label, done).

        Before the session: programme published, needs analysed, convention
        and convocation sent to every enrolled learner. Then: every past
        half-day signed by the trainer with each learner line filled,
        positioning answered; once the session ended: assessment results,
        satisfaction collected and certificates issued.
        """
        self.ensure_one()
        regs = self.registration_ids.filtered(
            lambda r: r.coop_training_state != "draft" and r.state != "cancel"
        )
        return self._coop_checklist_before(regs) + self._coop_checklist_after(regs)

    def _coop_checklist_before(self, regs):
        course = self.event_type_id
        _ = self.env._
        return [
            (
                "programme",
                _("Programme published (objectives and duration)"),
                bool(course.coop_objectives and course.coop_duration_hours),
            ),
            (
                "needs",
                _("Needs analysed for every learner"),
                all(r.coop_needs_analysis for r in regs),
            ),
            (
                "convention",
                _("Training agreement signed for every learner"),
                all(r.coop_convention_date for r in regs),
            ),
            (
                "convocation",
                _("Convocation sent to every learner"),
                all(r.coop_convocation_date for r in regs),
            ),
        ]

    def _coop_checklist_after(self, regs):
        course = self.event_type_id
        today = fields.Date.context_today(self)
        past_slots = self.coop_slot_ids.filtered(lambda s: s.date <= today)
        ended = bool(self.date_end and self.date_end <= fields.Datetime.now())
        done = {
            (i.coop_registration_id.id, i.coop_survey_kind)
            for i in regs.coop_survey_input_ids
            if i.state == "done"
        }

        def answered(survey, kind):
            return not survey or all((r.id, kind) in done for r in regs)

        _ = self.env._
        return [
            (
                "attendance",
                _("Attendance sheets signed for every past half-day"),
                all(s.coop_is_complete for s in past_slots),
            ),
            (
                "positioning",
                _("Positioning test answered"),
                answered(course.coop_positioning_survey_id, "positioning"),
            ),
            (
                "assessment",
                _("Assessment results recorded"),
                not ended or all(r.coop_assessment_result != "pending" for r in regs),
            ),
            (
                "satisfaction",
                _("Satisfaction collected"),
                not ended
                or answered(course.coop_satisfaction_survey_id, "satisfaction"),
            ),
            (
                "certificate",
                _("Certificates of completion issued"),
                not ended or all(r.coop_certificate_date for r in regs),
            ),
        ]

    def action_coop_view_slots(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_training.coop_training_slot_action"
        )
        action["domain"] = [("event_id", "=", self.id)]
        action["context"] = {"default_event_id": self.id}
        return action

    def action_coop_view_attendance(self):
        """The attendance sheets of the session: every learner line, by
        half-day."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_training.coop_training_attendance_action"
        )
        action["domain"] = [("event_id", "=", self.id)]
        action["context"] = {"search_default_group_slot": 1}
        return action

    def action_coop_view_documents(self):
        """The documents issued to the session's learners (convocations,
        certificates), as attached to their enrolments."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Documents"),
            "res_model": "ir.attachment",
            "view_mode": "list,form",
            "domain": self._coop_document_domain(),
            "context": {"create": False},
        }

    def _coop_document_domain(self):
        return [
            ("res_model", "=", "event.registration"),
            ("res_id", "in", self.registration_ids.ids),
        ]

    def _coop_sync_dates(self):
        """Rule: a training session runs from the start of its first half-day
        to the end of its last one."""
        for event in self.filtered("coop_slot_ids"):
            slots = event.coop_slot_ids
            vals = {
                "date_begin": min(slots.mapped("datetime_start")),
                "date_end": max(slots.mapped("datetime_end")),
            }
            if (event.date_begin, event.date_end) != tuple(vals.values()):
                # sudo: a trainer plans half-days without editing the session;
                # the dates are derived from them, nothing else is written.
                event.sudo().write(vals)
