# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command

from odoo.addons.coop_membership.tests.common import CoopMemberCase

# 2026-03-02 is a Monday of a week A (week A starts 2026-01-05, 4-week cycle).
MONDAY_A = date(2026, 3, 2)


class CoopShiftCase(CoopMemberCase):
    """Fixtures: a company cycle starting 2026-01-05 and one template per test."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write(
            {
                "coop_shift_week_a_date": date(2026, 1, 5),
                "coop_shift_cycle_weeks": 4,
                "coop_shift_horizon_days": 90,
                "coop_shift_alert_days": 28,
                "coop_shift_extension_days": 28,
                "coop_shift_max_extensions": 2,
                "coop_shift_unsubscribe_absences": 2,
                "coop_shift_freeze_points": 4,
                "coop_shift_absent_points": 2,
                "coop_shift_excused_points": 1,
            }
        )
        cls.cashier = cls.env["coop.qualification"].create(
            {"name": "Cashier", "code": "test_cashier"}
        )
        cls.template = cls.env["coop.shift.template"].create(
            {
                "week_letter": "A",
                "weekday": "0",
                "start_hour": 9.0,
                "end_hour": 12.0,
                "seat_line_ids": [
                    Command.create({"seats": 3}),
                    Command.create({"qualification_id": cls.cashier.id, "seats": 1}),
                ],
            }
        )
        cls.Shift = cls.env["coop.shift"]
        cls.Registration = cls.env["coop.shift.registration"]
        cls.Line = cls.env["coop.shift.counter.line"]

    @classmethod
    def _standing(cls, partner, template=None, date_start=None, **vals):
        return cls.env["coop.shift.template.registration"].create(
            {
                "template_id": (template or cls.template).id,
                "partner_id": partner.id,
                "date_start": date_start or date(2026, 1, 1),
                **vals,
            }
        )

    @classmethod
    def _generate(cls, template=None, **kwargs):
        """Run the generator over ALL templates (demo data included) and return
        only the new shifts of ``template`` (default: the test's template)."""
        template = template or cls.template
        shifts = cls.env["coop.shift"]._coop_generate(**kwargs)
        return shifts.filtered(lambda s: s.template_id == template)

    @classmethod
    def _shift(cls, day, template=None):
        """An ad-hoc shift on ``day`` (no template: no seat limit by kind)."""
        return cls.env["coop.shift"].create(
            {
                "template_id": template.id if template else False,
                "date": day,
                "date_begin": f"{day} 08:00:00",
                "date_end": f"{day} 11:00:00",
                "seats_max": 10,
            }
        )

    @classmethod
    def _register(cls, partner, shift, kind="standing", **vals):
        return cls.env["coop.shift.registration"].create(
            {"partner_id": partner.id, "shift_id": shift.id, "kind": kind, **vals}
        )
