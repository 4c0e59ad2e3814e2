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

    # ------------------------------------------------------------------
    # Portal self-service hooks (issue #18, helper "portal"): coop_membership's
    # hooks extended with the trainings (kept as one block at the end of the file)
    # ------------------------------------------------------------------
    def _coop_training_lines(self, domain=None):
        """The attendance lines of this learner's live enrolments."""
        return self.env["coop.training.attendance"].search(
            [
                ("learner_id", "=", self.id),
                (
                    "registration_id.coop_training_state",
                    "in",
                    ("confirmed", "attended"),
                ),
                *(domain or []),
            ],
            order="slot_date, id",
        )

    def _coop_calendar_events(self, date_from, date_to):
        """Add the learner's training half-days."""
        events = super()._coop_calendar_events(date_from, date_to)
        lines = self._coop_training_lines(
            [
                ("slot_id.datetime_start", ">=", date_from),
                ("slot_id.datetime_start", "<", date_to),
            ]
        )
        for line in lines:
            slot = line.slot_id
            events.append(
                {
                    "uid": f"coop-training-attendance-{line.id}",
                    "start": slot.datetime_start,
                    "end": slot.datetime_end,
                    "summary": self.env._(
                        "Training: %(module)s", module=slot.module_title
                    ),
                    "location": slot.event_id.address_id.display_name or "",
                    "description": slot.event_id.name,
                }
            )
        return events

    def _coop_personal_data(self):
        """Add the trainings followed and each half-day's attendance."""
        data = super()._coop_personal_data()
        regs = self.env["event.registration"].search(
            [
                ("coop_learner_id", "=", self.id),
                ("event_id.coop_is_training", "=", True),
            ]
        )
        states = dict(
            regs._fields["coop_training_state"]._description_selection(self.env)
        )
        data["trainings"] = [
            {
                "session": reg.event_id.name,
                "state": states.get(reg.coop_training_state, ""),
                "hours_attended": reg.coop_hours_attended,
                "completed": reg.coop_completed,
                "certificate_date": str(reg.coop_certificate_date or ""),
            }
            for reg in regs
        ]
        lines = self.env["coop.training.attendance"].search(
            [("learner_id", "=", self.id)], order="slot_date, id"
        )
        line_states = dict(lines._fields["state"]._description_selection(self.env))
        data["training_attendance"] = [
            {
                "date": str(line.slot_date),
                "half_day": line.slot_id.display_name,
                "state": line_states.get(line.state, ""),
                "signed_at": str(line.signed_at or ""),
            }
            for line in lines
        ]
        return data
