# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CoopShiftCase

D = date(2026, 3, 2)


@tagged("post_install", "-at_install")
@freeze_time("2026-03-20")
class TestSolidarityPool(CoopShiftCase):
    """The solidarity pool: one test per rule of giving and receiving."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Pool = cls.env["coop.shift.solidarity"]
        cls.donor = cls._create_member("Donatien")
        cls.needy = cls._create_member("Nadia")
        cls.env.company.coop_shift_solidarity_per_year = 2

    def _worked(self, partner, kind="extra", day=D):
        reg = self._register(partner, self._shift(day), kind)
        reg.action_attended()
        return reg

    def _owing(self, name, absences=1):
        partner = self._create_member(name)
        for i in range(absences):
            self._register(partner, self._shift(date(2026, 2, 2 + i))).action_absent()
        return partner

    def _pooled(self, day=D):
        reg = self._worked(self.donor, day=day)
        reg.action_donate_solidarity()
        return reg.solidarity_ids

    # ------------------------------------------------------------------
    # Giving a service to the pool
    # ------------------------------------------------------------------
    def test_attended_extra_service_goes_to_the_pool(self):
        reg = self._worked(self.donor)
        self.assertTrue(reg.solidarity_donable)
        reg.action_donate_solidarity()
        gift = reg.solidarity_ids
        self.assertEqual(gift.state, "available")
        self.assertEqual(gift.donor_id, self.donor)
        self.assertEqual(gift.date, D)
        self.assertFalse(reg.solidarity_donable)

    def test_makeup_worth_nothing_goes_to_the_pool(self):
        reg = self._worked(self.donor, "makeup")
        self.assertEqual(self.donor.coop_points_standard, 0, "owed nothing")
        reg.action_donate_solidarity()
        self.assertEqual(reg.solidarity_ids.state, "available")

    def test_makeup_that_repaid_a_service_is_refused(self):
        debtor = self._owing("Dylan")
        reg = self._worked(debtor, "makeup", date(2026, 3, 9))
        self.assertEqual(debtor.coop_points_standard, -1)
        self.assertFalse(reg.solidarity_donable)
        with self.assertRaises(UserError):
            reg.action_donate_solidarity()

    def test_planned_or_standing_service_is_refused(self):
        planned = self._register(self.donor, self._shift(D), "extra")
        standing = self._worked(self.donor, "standing", date(2026, 3, 9))
        for reg in (planned, standing):
            with self.assertRaises(UserError):
                reg.action_donate_solidarity()
        self.assertFalse(self.Pool.search([("donor_id", "=", self.donor.id)]))

    def test_service_goes_to_the_pool_once(self):
        reg = self._pooled().registration_id
        with self.assertRaises(UserError):
            reg.action_donate_solidarity()
        self.assertEqual(len(reg.solidarity_ids), 1)

    def test_service_given_to_a_named_member_is_refused(self):
        reg = self._register(self.donor, self._shift(D), "extra")
        reg._coop_give_solidarity(self.needy)
        reg.action_attended()
        with self.assertRaises(UserError):
            reg.action_donate_solidarity()

    def test_pooled_service_attendance_is_frozen(self):
        reg = self._pooled().registration_id
        with self.assertRaises(ValidationError):
            reg.action_reset()

    # ------------------------------------------------------------------
    # Giving a pooled service to a member in difficulty
    # ------------------------------------------------------------------
    def test_gift_gives_one_service_back(self):
        needy = self._owing("Nina", absences=1)
        self.assertEqual(needy.coop_points_standard, -2)
        gift = self._pooled()
        gift.recipient_id = needy
        gift.action_give()
        self.assertEqual(gift.state, "given")
        self.assertEqual(gift.date_given, date(2026, 3, 20))
        self.assertEqual(needy.coop_points_standard, -1)
        line = gift.counter_line_id
        self.assertEqual((line.partner_id, line.points), (needy, 1))
        self.assertTrue(line.manual)
        self.assertNotIn(self.donor.name, line.reason, "the donor stays anonymous")

    def test_gift_lifts_a_suspension(self):
        needy = self._owing("Sacha", absences=1)
        needy.write({"coop_alert_deadline": date(2026, 3, 1)})
        needy._coop_update_state()
        self.assertEqual(needy.coop_state, "suspended")
        for day in (D, date(2026, 3, 3)):
            gift = self._pooled(day)
            gift.recipient_id = needy
            gift.action_give()
        self.assertEqual(needy.coop_points_standard, 0)
        self.assertEqual(needy.coop_state, "up_to_date")
        self.assertTrue(needy.coop_can_shop)

    def test_recipient_must_owe_services(self):
        gift = self._pooled()
        gift.recipient_id = self.needy  # owes nothing
        with self.assertRaises(UserError):
            gift.action_give()
        self.assertEqual(gift.state, "available")

    def test_recipient_is_not_the_donor(self):
        self._register(self.donor, self._shift(date(2026, 2, 2))).action_absent()
        gift = self._pooled()
        gift.recipient_id = self.donor
        with self.assertRaises(UserError):
            gift.action_give()

    def test_recipient_is_required(self):
        with self.assertRaises(UserError):
            self._pooled().action_give()

    def test_yearly_maximum_per_recipient(self):
        needy = self._owing("Yanis", absences=2)
        for day in (D, date(2026, 3, 3)):
            gift = self._pooled(day)
            gift.recipient_id = needy
            gift.action_give()
        third = self._pooled(date(2026, 3, 4))
        third.recipient_id = needy
        with self.assertRaises(UserError):
            third.action_give()
        with freeze_time("2027-03-21"):
            third.action_give()  # the first two are more than a year old
        self.assertEqual(third.state, "given")

    def test_given_once(self):
        needy = self._owing("Gaby", absences=2)
        gift = self._pooled()
        gift.recipient_id = needy
        gift.action_give()
        with self.assertRaises(UserError):
            gift.action_give()
        self.assertEqual(needy.coop_points_standard, -3)

    def test_return_to_pool_reverses_the_gift(self):
        needy = self._owing("Rita", absences=1)
        gift = self._pooled()
        gift.recipient_id = needy
        gift.action_give()
        gift.action_return_to_pool()
        self.assertEqual(gift.state, "available")
        self.assertFalse(gift.recipient_id)
        self.assertEqual(needy.coop_points_standard, -2)
        manual = needy.coop_counter_line_ids.filtered("manual").mapped("points")
        self.assertEqual(sorted(manual), [-1, 1], "the ledger keeps both lines")

    def test_flying_member_is_repaid_on_the_flying_counter(self):
        flyer = self._create_member("Fanny", coop_work_mode="flying")
        self.Line.create(
            {"partner_id": flyer.id, "points": -1, "counter": "flying", "reason": "c"}
        )
        gift = self._pooled()
        gift.recipient_id = flyer
        gift.action_give()
        self.assertEqual(gift.counter_line_id.counter, "flying")
        self.assertEqual((flyer.coop_points_flying, flyer.coop_points_standard), (0, 0))
        self.assertEqual(flyer.coop_state, "up_to_date")
        gift.action_return_to_pool()
        self.assertEqual(flyer.coop_points_flying, -1, "reversed on the same counter")

    def test_member_form_gives_the_oldest_pooled_service(self):
        needy = self._owing("Olga", absences=1)
        self.Pool.search([("state", "=", "available")]).unlink()  # demo data
        newer = self._pooled(date(2026, 3, 9))
        older = self._pooled(D)
        needy.action_coop_receive_solidarity()
        self.assertEqual(older.recipient_id, needy)
        self.assertEqual(newer.state, "available")
        self.assertEqual(needy.coop_solidarity_received, 1)
        self.assertEqual(needy.coop_points_standard, -1)

    def test_member_form_with_an_empty_pool(self):
        needy = self._owing("Emma", absences=1)
        self.Pool.search([("state", "=", "available")]).unlink()  # demo data
        with self.assertRaises(UserError):
            needy.action_coop_receive_solidarity()
        self.assertEqual(needy.coop_points_standard, -2)

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def test_staff_gives_leader_reads_portal_sees_nothing(self):
        staff = new_test_user(
            self.env, login="pool_staff", groups="coop_shift.group_coop_shift_staff"
        )
        leader = new_test_user(
            self.env, login="pool_leader", groups="coop_shift.group_coop_shift_leader"
        )
        portal = new_test_user(
            self.env,
            login="pool_portal",
            groups="base.group_portal",
            partner_id=self.donor.id,
        )
        needy = self._owing("Sam", absences=1)
        gift = self._pooled()
        gift.with_user(staff).write({"recipient_id": needy.id})
        gift.with_user(staff).action_give()
        self.assertEqual(needy.coop_points_standard, -1)
        self.assertEqual(gift.with_user(leader).read(["state"])[0]["state"], "given")
        with self.assertRaises(AccessError):
            gift.with_user(leader).action_return_to_pool()
        with self.assertRaises(AccessError):
            gift.with_user(portal).read(["state"])
