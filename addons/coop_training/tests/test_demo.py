# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged
from odoo.tools.convert import convert_file


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    """The demo shows the whole flow: 3 courses, 2 cohorts of coops in
    creation, a past session with signed and unsigned attendance.

    The demo file is loaded here when the database was installed without
    demo data (the test template is), so that it is checked either way.
    """

    def test_demo_data(self):
        if not self.env.ref("coop_training.demo_course_found", False):
            convert_file(
                self.env,
                "coop_training",
                "demo/coop_training_demo.xml",
                {},
                mode="init",
                kind="demo",
            )
        ref = self.env.ref
        courses = (
            ref("coop_training.demo_course_found")
            | ref("coop_training.demo_course_cashier")
            | ref("coop_training.demo_course_ssa")
        )
        self.assertTrue(all(courses.mapped("coop_is_training")))
        cohorts = ref("coop_training.demo_cohort_nord") | ref(
            "coop_training.demo_cohort_sud"
        )
        self.assertEqual(len(cohorts.partner_id.filtered("is_company")), 2)
        session = ref("coop_training.demo_session_found")
        lines = session.coop_slot_ids.attendance_ids
        self.assertTrue(lines.filtered("signed_at"))
        self.assertTrue(lines.filtered(lambda line: not line.signed_at))
        self.assertEqual(ref("coop_training.demo_reg_1").coop_hours_attended, 7.0)
        self.assertEqual(ref("coop_training.demo_reg_2").coop_hours_attended, 3.5)
