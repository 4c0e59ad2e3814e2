# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from datetime import date, datetime, timedelta

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SIGNATURE, TrainingCase


@tagged("at_install", "-post_install")
class TestBpf(TrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # learner 1 signs both half-days, learner 2 (job seeker) the morning
        cls._sign(cls.reg.coop_attendance_ids)
        cls._sign(
            cls.reg2.coop_attendance_ids.filtered(lambda a: a.slot_id == cls.slot_am)
        )
        # an unsigned present line does not count
        cls.reg2.coop_attendance_ids.filtered(
            lambda a: a.slot_id == cls.slot_pm
        ).state = "present"
        cls.invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.learner.id,
                "invoice_date": date(2025, 3, 31),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Training",
                            "quantity": 1,
                            "price_unit": 600,
                            "tax_ids": [],
                            "coop_funder_type": "individual",
                        }
                    ),
                    Command.create(
                        {"name": "Book", "quantity": 1, "price_unit": 20, "tax_ids": []}
                    ),
                ],
            }
        )
        cls.invoice.action_post()
        cls.bpf = cls.env["coop.training.bpf"].create({"year": 2025})

    def _fig(self, section_start, code):
        return self.bpf.line_ids.filtered(
            lambda line: line.section.startswith(section_start) and line.code == code
        )

    def test_income_by_funder_type(self):
        line = self._fig("C", "individual")
        self.assertEqual(line.amount, 600)
        self.assertEqual(self._fig("C", "total").amount, 600)
        self.assertEqual(line.res_model, "account.move.line")
        self.assertEqual(len(line.res_ids), 1)

    def test_trainers_internal_external(self):
        internal, external = self._fig("E", "E1"), self._fig("E", "E2")
        self.assertEqual((internal.headcount, internal.hours), (1, 3.5))
        self.assertEqual((external.headcount, external.hours), (1, 3.5))

    def test_trainees_by_type(self):
        individual, job_seeker = (
            self._fig("F-1", "individual"),
            self._fig("F-1", "job_seeker"),
        )
        self.assertEqual((individual.headcount, individual.hours), (1, 7.0))
        self.assertEqual((job_seeker.headcount, job_seeker.hours), (1, 3.5))
        total = self._fig("F-1", "total")
        self.assertEqual((total.headcount, total.hours), (2, 10.5))
        self.assertEqual(self._fig("F-1", "employee").headcount, 0)

    def test_objective_and_nsf(self):
        self.assertEqual(self._fig("F-3", "other").hours, 10.5)
        self.assertEqual(self._fig("F-4", "312").hours, 10.5)
        self.assertEqual(self._fig("F-2", "F2").hours, 0)

    def test_subcontracted_in(self):
        self.session.coop_subcontracted_in = True
        bpf = self.env["coop.training.bpf"].create({"year": 2025})
        line = bpf.line_ids.filtered(lambda line: line.code == "G")
        self.assertEqual((line.headcount, line.hours), (2, 10.5))

    def test_other_year_empty(self):
        bpf = self.env["coop.training.bpf"].create({"year": 2024})
        self.assertFalse(any(bpf.line_ids.mapped("hours")))
        self.assertFalse(any(bpf.line_ids.mapped("amount")))

    def test_drill_down(self):
        line = self._fig("F-1", "job_seeker")
        action = line.action_drill_down()
        records = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(records, self._line(self.reg2, self.slot_am))

    def test_xlsx_export(self):
        action = self.bpf.action_export_xlsx()
        self.assertIn("download=true", action["url"])
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(self.bpf.xlsx_file)))
        rows = list(book.active.iter_rows(values_only=True))
        self.assertEqual(len(rows), len(self.bpf.line_ids) + 1)
        self.assertIn(600, [row[5] for row in rows])

    def test_xlsx_cells_are_text_never_formulas(self):
        self.bpf.line_ids[:1].label = '=HYPERLINK("http://x", "click")'
        self.bpf.action_export_xlsx()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(self.bpf.xlsx_file)))
        cell = book.active.cell(row=2, column=3)
        self.assertEqual(cell.data_type, "s")
        self.assertEqual(cell.value, '=HYPERLINK("http://x", "click")')

    def test_income_note(self):
        self.assertFalse(self.bpf.income_note)
        bpf = self.env["coop.training.bpf"].create({"year": 2024})
        self.assertIn("2024", bpf.income_note)
        self.assertEqual(bpf.action_compute()["name"], "BPF (cerfa 10443)")


@tagged("at_install", "-post_install")
class TestBpfFlow(TrainingCase):
    """The whole flow: a 14 h course in four 3.5 h half-days, three learners
    of three funding types, one late signature recorded by a coordinator, two
    refused signatures and one drop-out after the first half-day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        course = cls.env["event.type"].create(
            {
                "name": "Fourteen hours",
                "coop_is_training": True,
                "coop_duration_hours": 14,
                "coop_nsf_code": "413",
            }
        )
        cls.flow = cls._create_session(
            course,
            [cls.trainer],
            date_begin=datetime(2025, 6, 2, 7, 0),
            date_end=datetime(2025, 6, 3, 15, 0),
        )
        cls.slots = cls.env["coop.training.slot"]
        for day in (date(2025, 6, 2), date(2025, 6, 3)):
            for period in ("morning", "afternoon"):
                cls.slots |= cls._create_slot(cls.flow, day, period)
        people = cls.env["res.partner"].create(
            [{"name": "Alice"}, {"name": "Bruno"}, {"name": "Chloé"}]
        )
        cls.alice, cls.bruno, cls.chloe = (
            cls._enrol(cls.flow, partner, trainee_type=ttype)
            for partner, ttype in zip(
                people, ("individual", "job_seeker", "employee"), strict=True
            )
        )
        cls.bruno.coop_funder_type = "france_travail"
        cls.chloe.coop_funder_type = "opco_plan"

    def _lines(self, reg, *indexes):
        slots = self.slots.browse([self.slots.ids[i] for i in indexes])
        return reg.coop_attendance_ids.filtered(lambda a: a.slot_id in slots)

    def _figures(self):
        bpf = self.env["coop.training.bpf"].create({"year": 2025})
        lines = bpf.line_ids.filtered(
            lambda line: (
                line.section.startswith("F-1")
                and line.headcount
                and line.code != "total"
            )
        )
        return {line.code: (line.headcount, line.hours) for line in lines}

    def test_full_flow(self):
        self.assertEqual(self.flow.coop_hours_planned, 14)
        self._sign(self._lines(self.alice, 0, 1, 2, 3))
        self._sign(self._lines(self.bruno, 0, 1, 3))
        self._sign(self._lines(self.chloe, 0))
        # Bruno signs the third half-day two days late: refused...
        late = self._lines(self.bruno, 2)
        with (
            freeze_time(self.slots[2].datetime_end + timedelta(days=2)),
            self.assertRaises(UserError),
        ):
            late._coop_sign(SIGNATURE)
        # ...and Chloé the next half-day the evening before: refused too
        with (
            freeze_time(self.slots[1].datetime_start - timedelta(hours=12)),
            self.assertRaises(UserError),
        ):
            self._lines(self.chloe, 1)._coop_sign(SIGNATURE)
        self.assertEqual(
            self._figures(),
            {"individual": (1, 14), "job_seeker": (1, 10.5), "employee": (1, 3.5)},
        )
        # the coordinator records Bruno's late signature, with a reason
        late.with_user(self.coordinator_user)._coop_correct(
            "present", "Signed the paper sheet; the tablet was down"
        )
        self.assertTrue(late.log_ids.late_signature)
        # Chloé drops out after the first half-day
        self.chloe.coop_abandon_reason = "Found a job"
        self.chloe.with_user(self.trainer_user).action_coop_abandon()
        figures = self._figures()
        self.assertEqual(
            figures,
            {"individual": (1, 14), "job_seeker": (1, 14), "employee": (1, 3.5)},
        )
        bpf = self.env["coop.training.bpf"].create({"year": 2025})
        total = bpf.line_ids.filtered(
            lambda line: line.section.startswith("F-1") and line.code == "total"
        )
        self.assertEqual((total.headcount, total.hours), (3, 31.5))
        self.assertEqual(
            [r.coop_hours_attended for r in (self.alice, self.bruno, self.chloe)],
            [14, 14, 3.5],
        )
