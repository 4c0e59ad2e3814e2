# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import sql_db
from odoo.tests import tagged

from .common import CoopShiftCase


@tagged("post_install", "-at_install")
class TestPerformance(CoopShiftCase):
    """The status engine and the generator do not query per member."""

    def _members(self, count):
        partners = self.env["res.partner"]
        for i in range(count):
            partners |= self._create_member(f"Perf {count} {i}")
        self.Line.create(
            [{"partner_id": p.id, "points": -2, "reason": "perf"} for p in partners]
        )
        return partners

    def _queries(self, partners):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET coop_state = 'member' WHERE id = ANY(%s)",
            [partners.ids],
        )
        self.env.invalidate_all()
        before = sql_db.sql_counter
        partners._coop_update_state()
        self.env.flush_all()
        return sql_db.sql_counter - before

    @freeze_time("2026-03-02")
    def test_status_queries_do_not_grow_with_members(self):
        small, large = self._members(5), self._members(40)
        self.assertEqual(set(large.mapped("coop_state")), {"alert"})
        self.assertEqual(self._queries(small), self._queries(large))

    @freeze_time("2026-02-27")
    def test_generation_queries_do_not_grow_with_members(self):
        members = self.env["res.partner"]
        for i in range(30):
            members |= self._create_member(f"Gen {i}")
            self._standing(members[-1])
        before = sql_db.sql_counter
        shifts = self.Shift._coop_generate()
        self.assertLessEqual(sql_db.sql_counter - before, 10)
        # demo templates get their shifts too: count only our members' seats
        mine = shifts.registration_ids.filtered(lambda r: r.partner_id in members)
        self.assertEqual(len(mine), 4 * 30)
        self.assertEqual(mine.shift_id.template_id, self.template)
