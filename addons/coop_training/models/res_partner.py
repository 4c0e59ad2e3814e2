# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

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
        events.extend(self._coop_training_events(date_from, date_to))
        return events

    def _coop_training_events(self, date_from, date_to):
        """The learner's training half-days of their live enrolments as
        calendar events, read in one query (the feed is a hot path,
        bench/bench_portal.py)."""
        events = []
        Attendance = self.env["coop.training.attendance"]
        Slot = self.env["coop.training.slot"]
        rows = self.env.execute_query(
            SQL(
                """SELECT %(line_id)s, %(start)s, %(end)s, %(module)s,
                          %(session)s, %(address)s
                     FROM coop_training_attendance a
                     JOIN event_registration er ON er.id = a.registration_id
                     JOIN coop_training_slot sl ON sl.id = a.slot_id
                     JOIN event_event e ON e.id = sl.event_id
                LEFT JOIN res_partner ad ON ad.id = e.address_id
                    WHERE %(learner)s = %(partner)s AND er.active
                      AND %(state)s IN ('confirmed', 'attended')
                      AND %(start)s >= %(date_from)s AND %(start)s < %(date_to)s
                 ORDER BY %(day)s, %(line_id)s""",
                line_id=Attendance._field_to_sql("a", "id"),
                learner=Attendance._field_to_sql("a", "learner_id"),
                day=Attendance._field_to_sql("a", "slot_date"),
                state=self.env["event.registration"]._field_to_sql(
                    "er", "coop_training_state"
                ),
                start=Slot._field_to_sql("sl", "datetime_start"),
                end=Slot._field_to_sql("sl", "datetime_end"),
                module=Slot._field_to_sql("sl", "module_title"),
                session=self.env["event.event"]._field_to_sql("e", "name"),
                address=self._field_to_sql("ad", "complete_name"),
                partner=self.id,
                date_from=date_from,
                date_to=date_to,
            )
        )
        for line_id, start, end, module, session, address in rows:
            events.append(
                {
                    "uid": f"coop-training-attendance-{line_id}",
                    "start": start,
                    "end": end,
                    "summary": self.env._("Training: %(module)s", module=module),
                    "location": address or "",
                    "description": session,
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
