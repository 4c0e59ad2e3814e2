# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from datetime import date
from pathlib import Path

from odoo.tests import tagged

from .common import CoopShiftCase

MIGRATION = Path(__file__).parent.parent / "migrations/18.0.1.3.0/post-migrate.py"


def _migration():
    spec = importlib.util.spec_from_file_location("coop_shift_mig_1_3_0", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestMigrationReasons(CoopShiftCase):
    """Migration 18.0.1.3.0: ledger lines written with a stored English (or
    French) reason are read in the reader's language afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template.weekday = "2"
        cls.shift = cls._shift(date(2026, 3, 4), cls.template)
        cls.member = cls._create_member("Old Ledger")
        cls.reg = cls._register(cls.member, cls.shift)
        cls.reg.action_absent()
        cls.absent = cls.reg.counter_line_ids
        cls.hand = cls.Line.with_context(coop_shift_manual=True).create(
            {"partner_id": cls.member.id, "points": 1, "reason": "Absent"}
        )
        cls.gift, cls.gift_fr, cls.back = cls.Line.with_context(
            coop_shift_manual=True
        ).create(
            [
                {"partner_id": cls.member.id, "points": p, "reason": "x"}
                for p in (1, 1, -1)
            ]
        )

    def _age(self, line, reason):
        """Put ``line`` back in its shape before reasons were codes."""
        self.env.cr.execute(
            "UPDATE coop_shift_counter_line SET reason = %s, reason_code = NULL,"
            " attendance_state = NULL WHERE id = %s",
            [reason, line.id],
        )

    def _migrate(self):
        self.env.flush_all()
        # the script's body, without openupgrade's frame inspection (which
        # needs Odoo's migration manager above it)
        _migration().migrate.__wrapped__(self.env, "18.0.1.2.0")
        self.env.invalidate_all()

    def test_old_reasons_read_in_french(self):
        self._age(self.absent, "A - Wednesday 08:00-11:00 (2026-03-04): Absent")
        self._age(self.gift, "Solidarity service")
        self._age(self.gift_fr, "Service solidaire")
        self._age(self.back, "Solidarity service returned to the pool")
        self._migrate()
        fr = self.Line.with_context(lang="fr_FR")
        self.assertEqual(
            fr.browse(self.absent.id).label,
            f"{self.shift.with_context(lang='fr_FR').name}: Absent·e",
        )
        self.assertEqual(self.absent.attendance_state, "absent")
        self.assertEqual(fr.browse(self.gift.id).label, "Service solidaire")
        self.assertEqual(self.gift_fr.reason_code, "solidarity")
        self.assertEqual(
            fr.browse(self.back.id).label, "Service solidaire remis dans la caisse"
        )

    def test_french_attendance_reason(self):
        self._age(self.absent, "A - mercredi 08:00-11:00 (04/03/2026): Absent·e")
        self._migrate()
        self.assertEqual(
            (self.absent.reason_code, self.absent.attendance_state),
            ("attendance", "absent"),
        )

    def test_hand_written_and_unknown_reasons_stay(self):
        self._age(self.hand, "Absent")
        self._age(self.absent, "A - Wednesday (2026-03-04): something else")
        self._migrate()
        self.assertFalse(self.hand.reason_code)
        self.assertEqual(self.hand.with_context(lang="fr_FR").label, "Absent")
        self.assertFalse(self.absent.reason_code)
        self.assertEqual(
            self.absent.label, "A - Wednesday (2026-03-04): something else"
        )

    def test_lines_already_coded_are_left_alone(self):
        self.absent.invalidate_recordset()
        before = self.absent.read(["reason", "reason_code", "attendance_state"])
        self._migrate()
        self.assertEqual(
            self.absent.read(["reason", "reason_code", "attendance_state"]), before
        )
