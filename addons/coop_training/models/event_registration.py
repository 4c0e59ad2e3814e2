# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

from .bpf_codes import FUNDER_TYPES, TRAINEE_TYPES
from .evidence import check_server_flow, flow_env

SIGNED_STATES = ("present", "late")
# changed only by the enrolment's actions, each checking its group
FLOW_FIELDS = {"coop_training_state", "coop_completed"}


class EventRegistration(models.Model):
    """A training enrolment.

    We extend ``event.registration`` rather than adding a model beside it:
    ``event_sale`` creates registrations from paid sale order lines, seats and
    badges already count them, so the paid place, the seat and the enrolment
    stay one record. The training status (``coop_training_state``) lives beside
    the event status, which keeps its own meaning for seats.
    """

    _inherit = "event.registration"

    coop_is_training = fields.Boolean(related="event_id.coop_is_training")
    coop_learner_id = fields.Many2one(
        "res.partner",
        string="Learner",
        compute="_compute_coop_learner_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        help="The person trained; by default the person who booked.",
    )
    coop_trainee_type = fields.Selection(
        TRAINEE_TYPES, string="Trainee type (BPF F-1)", default="other"
    )
    coop_funder_type = fields.Selection(
        FUNDER_TYPES,
        string="Funder type (BPF C)",
        compute="_compute_coop_funder",
        store=True,
        readonly=False,
    )
    coop_funder_id = fields.Many2one(
        "res.partner",
        string="Funder",
        compute="_compute_coop_funder",
        store=True,
        readonly=False,
    )
    coop_needs_analysis = fields.Text(string="Needs analysis")
    coop_adaptation_needs = fields.Text(
        string="Adaptation needs", help="Disability or other individual adaptation."
    )
    coop_training_state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("attended", "Attended"),
            ("abandoned", "Abandoned"),
        ],
        string="Training status",
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    coop_abandon_date = fields.Date(string="Abandoned on", tracking=True, copy=False)
    coop_abandon_reason = fields.Text(string="Reason for abandoning", copy=False)
    coop_cohort_id = fields.Many2one("coop.training.cohort", string="Cohort")
    # attendance
    coop_attendance_ids = fields.One2many(
        "coop.training.attendance", "registration_id", string="Attendance"
    )
    coop_hours_attended = fields.Float(
        string="Hours attended",
        compute="_compute_coop_hours",
        store=True,
        help="Hours of the half-days the learner signed as present or late.",
    )
    coop_attendance_rate = fields.Float(
        string="Attendance (%)", compute="_compute_coop_hours", store=True
    )
    # assessment and completion
    coop_survey_input_ids = fields.One2many(
        "survey.user_input", "coop_registration_id", string="Surveys"
    )
    coop_assessment_result = fields.Selection(
        [("pending", "Pending"), ("passed", "Passed"), ("failed", "Failed")],
        string="Assessment",
        compute="_compute_coop_assessment_result",
        store=True,
        readonly=False,
        default="pending",
        help="From the assessment survey of the course when there is one; "
        "else set by the trainer.",
    )
    coop_completed = fields.Boolean(string="Completed", readonly=True, copy=False)
    # documents
    coop_convention_date = fields.Date(string="Agreement signed on", copy=False)
    coop_convocation_date = fields.Date(string="Convocation sent on", copy=False)
    coop_certificate_date = fields.Date(string="Certificate issued on", copy=False)

    @api.constrains("coop_training_state", "coop_abandon_date", "coop_abandon_reason")
    def _check_coop_abandon(self):
        """An abandonment is recorded with its date and its reason."""
        for reg in self:
            if reg.coop_training_state == "abandoned" and not (
                reg.coop_abandon_date and reg.coop_abandon_reason
            ):
                raise ValidationError(
                    self.env._("An abandonment needs a date and a reason.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        """An enrolment starts as a draft; its status and completion change
        through its actions only."""
        for vals in vals_list:
            if vals.get("coop_training_state", "draft") != "draft" or vals.get(
                "coop_completed"
            ):
                self._coop_check_flow()
        return super().create(vals_list)

    def write(self, vals):
        """Evidence rule: status and completion change through the actions;
        the learner of an enrolment with signed half-days never changes."""
        if FLOW_FIELDS & set(vals):
            self._coop_check_flow()
        if "coop_learner_id" in vals and self._coop_signed_lines():
            raise UserError(
                self.env._(
                    "The learner of an enrolment with signed half-days cannot "
                    "change: the signatures are theirs."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        """An enrolment with signed or corrected half-days is evidence: it is
        cancelled or abandoned, never deleted."""
        lines = self.sudo().coop_attendance_ids
        if self._coop_signed_lines() or lines.log_ids:
            raise UserError(
                self.env._(
                    "An enrolment with signed half-days cannot be deleted: "
                    "mark it abandoned instead."
                )
            )

    @api.depends("partner_id")
    def _compute_coop_learner_id(self):
        for reg in self:
            if not reg.coop_learner_id:
                reg.coop_learner_id = reg.partner_id

    @api.depends("sale_order_id.partner_invoice_id")
    def _compute_coop_funder(self):
        """A paid place is funded by whoever the sale order invoices."""
        for reg in self:
            payer = reg.sale_order_id.partner_invoice_id
            if payer and not reg.coop_funder_id:
                reg.coop_funder_id = payer
            if reg.coop_funder_id and not reg.coop_funder_type:
                funder = reg.coop_funder_id
                reg.coop_funder_type = (
                    funder.coop_training_funder_type
                    or funder.commercial_partner_id.coop_training_funder_type
                )

    @api.depends(
        "coop_attendance_ids.state",
        "coop_attendance_ids.signed_at",
        "coop_attendance_ids.slot_id.duration",
        "event_id.coop_hours_planned",
    )
    def _compute_coop_hours(self):
        for reg in self:
            hours = sum(
                line.slot_id.duration
                for line in reg.coop_attendance_ids
                if line._coop_counts_hours()
            )
            planned = reg.event_id.coop_hours_planned
            reg.coop_hours_attended = hours
            reg.coop_attendance_rate = 100.0 * hours / planned if planned else 0.0

    @api.depends("coop_survey_input_ids.state", "coop_survey_input_ids.scoring_success")
    def _compute_coop_assessment_result(self):
        for reg in self:
            answers = reg.coop_survey_input_ids.filtered(
                lambda i: i.coop_survey_kind == "assessment" and i.state == "done"
            )
            if answers:
                passed = any(answers.mapped("scoring_success"))
                reg.coop_assessment_result = "passed" if passed else "failed"
            elif not reg.coop_assessment_result:
                reg.coop_assessment_result = "pending"

    def action_coop_confirm(self):
        """draft -> confirmed: the seat is taken, attendance lines are created
        for the existing half-days and the positioning test is sent. All or
        nothing: the event mails are queued (see ``_update_mail_schedulers``)."""
        self._coop_check_trainer()
        if any(reg.coop_training_state != "draft" for reg in self):
            raise UserError(self.env._("Only draft enrolments can be confirmed."))
        flow_env(self).write({"coop_training_state": "confirmed", "state": "open"})
        self._coop_create_attendance(self.event_id.coop_slot_ids)
        self._coop_survey_invite("positioning")
        return True

    def action_coop_abandon(self):
        """confirmed -> abandoned: the hours already signed remain counted."""
        self._coop_check_trainer()
        if any(reg.coop_training_state != "confirmed" for reg in self):
            raise UserError(self.env._("Only confirmed enrolments can be abandoned."))
        for reg in self:
            flow_env(reg).write(
                {
                    "coop_training_state": "abandoned",
                    "coop_abandon_date": reg.coop_abandon_date
                    or fields.Date.context_today(reg),
                }
            )
        return True

    def action_coop_attended(self):
        """confirmed -> attended: the training is over for the learner; the
        completion rule decides on the qualifications; the end-of-training
        satisfaction survey is sent."""
        self._coop_check_trainer()
        if any(reg.coop_training_state != "confirmed" for reg in self):
            raise UserError(
                self.env._("Only confirmed enrolments can be marked attended.")
            )
        flow_env(self).write({"coop_training_state": "attended", "state": "done"})
        self._coop_complete()
        self._coop_survey_invite("satisfaction")
        return True

    def action_coop_send_assessment(self):
        self._coop_survey_invite("assessment")
        return True

    def action_coop_send_convocation(self):
        """Mail the convocation (PDF attached) to each learner and date it."""
        self.check_access("write")
        # sudo: access to the enrolments was checked; the mail renders the
        # session's documents the trainer may not all read.
        template = self.env.ref("coop_training.mail_template_convocation").sudo()
        for reg in self.filtered("coop_learner_id.email"):
            template.send_mail(reg.id)
        self.write({"coop_convocation_date": fields.Date.context_today(self)})
        return True

    def action_coop_issue_certificate(self):
        """Post the certificat de réalisation on each finished enrolment (PDF
        in the chatter) and date it."""
        if any(r.coop_training_state not in ("attended", "abandoned") for r in self):
            raise UserError(
                self.env._("A certificate is issued once the training is over.")
            )
        Report = self.env["ir.actions.report"]
        for reg in self:
            content, _type = Report._render_qweb_pdf(
                "coop_training.action_report_certificat", reg.ids
            )
            reg.message_post(
                body=self.env._("Certificate of completion issued."),
                attachments=[(f"certificat_realisation_{reg.id}.pdf", content)],
            )
        self.write({"coop_certificate_date": fields.Date.context_today(self)})
        return True

    def action_coop_reset_draft(self):
        """Only a coordinator reopens an enrolment (its status is evidence);
        an enrolment with signed half-days keeps its status."""
        if not self.env.user.has_group("coop_training.group_training_coordinator"):
            raise AccessError(
                self.env._("Only a coordinator can reset an enrolment to draft.")
            )
        self.check_access("write")
        if self._coop_signed_lines():
            raise UserError(
                self.env._(
                    "An enrolment with signed half-days cannot go back to draft."
                )
            )
        flow_env(self).write(
            {
                "coop_training_state": "draft",
                "coop_abandon_date": False,
                "coop_completed": False,
            }
        )
        return True

    def _coop_is_completed(self):
        """Completion rule: the learner signed at least the course's attendance
        threshold of the planned hours AND passed the assessment."""
        self.ensure_one()
        threshold = self.event_id.event_type_id.coop_attendance_threshold
        return (
            self.coop_training_state == "attended"
            and float_compare(self.coop_attendance_rate, threshold, 2) >= 0
            and self.coop_assessment_result == "passed"
        )

    def _coop_complete(self):
        """Mark completed enrolments and grant the course's qualifications."""
        done = self.filtered(lambda r: r._coop_is_completed())
        flow_env(done).write({"coop_completed": True})
        for reg in done:
            qualifications = reg.event_id.event_type_id.coop_qualification_ids
            if qualifications and reg.coop_learner_id:
                # sudo: a trainer grants qualifications through the completion
                # rule only; they may not edit the learner's file otherwise.
                reg.coop_learner_id.sudo().coop_qualification_ids |= qualifications
        return done

    def _coop_check_flow(self):
        check_server_flow(
            self.env,
            self.env._(
                "The training status and the completion change only through "
                "the enrolment's buttons."
            ),
        )

    def _coop_check_trainer(self):
        """The enrolment's actions are the trainer's of the session or a
        coordinator's (record rules limit a trainer to their sessions)."""
        if not self.env.user.has_group("coop_training.group_training_trainer"):
            raise AccessError(
                self.env._("Only a trainer or a coordinator changes an enrolment.")
            )
        self.check_access("write")

    def _coop_signed_lines(self):
        return self.sudo().coop_attendance_ids.filtered("signed_at")

    def _update_mail_schedulers(self):
        """Training enrolments never run the event mails inside the request:
        the scheduler commits as it goes, which would leave a half-confirmed
        enrolment if the request failed afterwards. Their mails are queued for
        the scheduler's cron, as with ``event.event_mail_async``."""
        training = self.filtered("coop_is_training")
        super(EventRegistration, self - training)._update_mail_schedulers()
        if self.env.context.get("install_mode"):
            return
        open_regs = training.filtered(lambda r: r.state == "open")
        if open_regs and self.env["event.mail"].sudo().search_count(
            [
                ("event_id", "in", open_regs.event_id.ids),
                ("interval_type", "=", "after_sub"),
            ],
            limit=1,
        ):
            self.env.ref("event.event_mail_scheduler")._trigger()
            self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()

    def _coop_create_attendance(self, slots):
        """One attendance line per enrolment and half-day, never twice."""
        existing = {
            (line.registration_id.id, line.slot_id.id)
            for line in self.env["coop.training.attendance"]
            .sudo()
            .search([("slot_id", "in", slots.ids), ("registration_id", "in", self.ids)])
        }
        vals = [
            {"registration_id": reg.id, "slot_id": slot.id}
            for reg in self
            for slot in slots
            if slot.event_id == reg.event_id and (reg.id, slot.id) not in existing
        ]
        # sudo: lines are created by the enrolment workflow, whoever runs it.
        return self.env["coop.training.attendance"].sudo().create(vals)

    def _coop_survey_invite(self, kind):
        """Create the learner's answer of the course survey of ``kind`` (once)
        and mail the invitation when the learner has an email."""
        field = {
            "positioning": "coop_positioning_survey_id",
            "assessment": "coop_assessment_survey_id",
            "satisfaction": "coop_satisfaction_survey_id",
            "cold": "coop_cold_survey_id",
        }[kind]
        template = self.env.ref("survey.mail_template_user_input_invite").sudo()
        answers = self.env["survey.user_input"]
        # sudo: trainers invite learners to the course's surveys without
        # being survey officers.
        for reg in self.sudo():
            survey = reg.event_id.event_type_id[field]
            already = reg.coop_survey_input_ids.filtered(
                lambda i, k=kind: i.coop_survey_kind == k
            )
            if not survey or already or not reg.coop_learner_id:
                continue
            answer = survey._create_answer(
                partner=reg.coop_learner_id,
                check_attempts=False,
                coop_registration_id=reg.id,
                coop_survey_kind=kind,
            )
            if reg.coop_learner_id.email:
                template.send_mail(answer.id)
            answers |= answer
        return answers

    @api.model
    def _cron_send_cold_surveys(self):
        """Send the later satisfaction survey N days after the session ended,
        N being the course's delay."""
        now = fields.Datetime.now()
        regs = self.search(
            [
                ("coop_training_state", "=", "attended"),
                ("event_id.event_type_id.coop_cold_survey_id", "!=", False),
                ("event_id.date_end", "<=", now),
            ]
        )
        due = regs.filtered(
            lambda r: (
                r.event_id.date_end
                + timedelta(days=r.event_id.event_type_id.coop_cold_survey_days)
                <= now
                and "cold" not in r.coop_survey_input_ids.mapped("coop_survey_kind")
            )
        )
        return due._coop_survey_invite("cold")

    def _coop_hours_by_period(self):
        """Signed hours of the enrolment, as [(slot, hours)] in date order."""
        self.ensure_one()
        return [
            (line.slot_id, line.slot_id.duration)
            for line in self.coop_attendance_ids.sorted(
                lambda a: (a.slot_id.date, a.slot_id.time_start)
            )
            if line._coop_counts_hours()
        ]
