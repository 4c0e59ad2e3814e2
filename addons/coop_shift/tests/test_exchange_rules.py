# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import html
from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import CoopShiftCase
from .test_portal import http_csrf


class ExchangeCase(CoopShiftCase):
    """Two portal members, Ana and Bob, a third member Carl; shifts starting
    in 10 hours (inside every window) and in 5 and 6 days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env.company.write(
            {
                "coop_shift_exchange_hours": 24,
                "coop_shift_max_changes": 2,
                "coop_shift_late_cancel_hours": 48,
                "coop_shift_late_cancel_state": "absent",
                "coop_shift_office_email": "bureau@coop.example",
            }
        )
        cls.env.company.partner_id.lang = "fr_FR"
        cls.ana, cls.bob, cls.carl = (
            cls._create_member(name, email=f"{name.lower()}@example.com")
            for name in ("Ana", "Bob", "Carl")
        )
        cls.users = {}
        for partner in (cls.ana, cls.bob, cls.carl):
            cls.users[partner] = new_test_user(
                cls.env,
                login=f"xchg_{partner.name.lower()}",
                password=f"xchg-{partner.name.lower()}-1",
                groups="base.group_portal",
                partner_id=partner.id,
                name=partner.name,
                tz="UTC",
            )
        cls.leader = cls._create_member("Léa Leader", email="lea@example.com")
        cls.template.leader_ids = [Command.set(cls.leader.ids)]
        now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        cls.soon = cls._shift_at(now + timedelta(hours=10))
        cls.day5 = cls._shift_at(now + timedelta(days=5))
        cls.day6 = cls._shift_at(now + timedelta(days=6))

    @classmethod
    def _shift_at(cls, begin, template=None):
        return cls.env["coop.shift"].create(
            {
                "template_id": (template or cls.template.copy()).id,
                "date": begin.date(),
                "date_begin": begin,
                "date_end": begin + timedelta(hours=3),
                "seats_max": 5,
            }
        )

    def _as(self, partner, records):
        return records.with_user(self.users[partner])

    def _snapshot(self, *registrations):
        self.env.invalidate_all()
        return (
            [
                (r.partner_id.id, r.state, r.exchange_state, r.change_count)
                for r in registrations
            ],
            self.Registration.search_count([]),
            self.env["coop.shift.swap"].search_count([]),
        )


@tagged("post_install", "-at_install")
class TestExchangeRules(ExchangeCase):
    """Each exchange rule, as the portal member calling the model (with_user)."""

    def test_offer_up_to_n_hours_before(self):
        near = self._register(self.ana, self.soon)
        far = self._register(self.ana, self.day5)
        with self.assertRaisesRegex(UserError, "24 hours"):
            self._as(self.ana, near).action_offer_exchange()
        self.assertEqual(near.exchange_state, "none")
        self._as(self.ana, far).action_offer_exchange()
        self.assertEqual(far.exchange_state, "offered")

    def test_withdraw_an_offer(self):
        reg = self._register(self.ana, self.day5)
        with self.assertRaisesRegex(UserError, "not offered"):
            self._as(self.ana, reg).action_withdraw_exchange()
        self._as(self.ana, reg).action_offer_exchange()
        self._as(self.ana, reg).action_withdraw_exchange()
        self.assertEqual(reg.exchange_state, "none")

    def test_take_needs_the_qualification(self):
        self.ana.coop_qualification_ids = [Command.set(self.cashier.ids)]
        reg = self._register(self.ana, self.day5, qualification_id=self.cashier.id)
        reg.action_offer_exchange()
        before = self._snapshot(reg)
        with self.assertRaisesRegex(UserError, "Cashier"):
            reg._coop_take_exchange(self.bob)
        self.assertEqual(self._snapshot(reg), before)

    def test_take_checks_overlap(self):
        reg = self._register(self.ana, self.day5)
        reg.action_offer_exchange()
        overlapping = self._shift_at(self.day5.date_begin + timedelta(hours=1))
        self._register(self.bob, overlapping)
        before = self._snapshot(reg)
        with self.assertRaisesRegex(UserError, "already have a service at this time"):
            reg._coop_take_exchange(self.bob)
        self.assertEqual(self._snapshot(reg), before)

    def test_at_most_m_changes(self):
        self.env.company.coop_shift_max_changes = 1
        reg = self._register(self.ana, self.day5)
        self._as(self.ana, reg).action_offer_exchange()
        new = reg._coop_take_exchange(self.bob)
        self.assertEqual(new.change_count, 1)
        with self.assertRaisesRegex(UserError, "changed hands 1 times"):
            self._as(self.bob, new).action_offer_exchange()
        self.assertEqual(new.exchange_state, "none")

    def test_swap_points_follow_whoever_works(self):
        mine = self._register(self.ana, self.day5)
        theirs = self._register(self.bob, self.day6)
        theirs.action_offer_exchange()
        swap = self._as(self.ana, mine)._coop_propose_swap(theirs)
        told = self.env["mail.mail"].search(
            [("model", "=", swap._name), ("res_id", "=", swap.id)]
        )
        self.assertEqual(told.email_to, self.bob.email)
        self._as(self.bob, swap).action_accept()
        self.assertEqual(swap.state, "accepted")
        self.assertEqual((mine.state, theirs.state), ("replaced", "replaced"))
        ana_now = theirs.replaced_by_ids
        bob_now = mine.replaced_by_ids
        self.assertEqual((ana_now.partner_id, ana_now.shift_id), (self.ana, self.day6))
        self.assertEqual((bob_now.partner_id, bob_now.shift_id), (self.bob, self.day5))
        self.assertEqual((ana_now.kind, ana_now.change_count), ("standing", 1))
        ana_now.action_absent()
        bob_now.action_attended()
        self.assertEqual(self.ana.coop_points_standard, -2)
        self.assertEqual(self.bob.coop_points_standard, 0)

    def test_swap_answered_by_its_member_only(self):
        mine = self._register(self.ana, self.day5)
        theirs = self._register(self.bob, self.day6)
        theirs.action_offer_exchange()
        swap = self._as(self.ana, mine)._coop_propose_swap(theirs)
        before = self._snapshot(mine, theirs)
        for partner, action in (
            (self.ana, "action_accept"),
            (self.carl, "action_accept"),
            (self.carl, "action_decline"),
            (self.bob, "action_withdraw"),
        ):
            with (
                self.subTest(partner=partner.name, action=action),
                self.assertRaises(AccessError),
            ):
                getattr(self._as(partner, swap), action)()
        self.assertEqual(self._snapshot(mine, theirs), before)
        self.assertEqual(swap.state, "proposed")
        self._as(self.bob, swap).action_decline()
        self.assertEqual(swap.state, "declined")
        with self.assertRaisesRegex(UserError, "already been answered"):
            self._as(self.bob, swap).action_accept()

    def test_swap_needs_both_qualifications(self):
        self.bob.coop_qualification_ids = [Command.set(self.cashier.ids)]
        mine = self._register(self.ana, self.day5)
        theirs = self._register(self.bob, self.day6, qualification_id=self.cashier.id)
        theirs.action_offer_exchange()
        with self.assertRaisesRegex(UserError, "Cashier"):
            self._as(self.ana, mine)._coop_propose_swap(theirs)
        self.assertFalse(self.env["coop.shift.swap"].search([]))

    def test_swap_rechecked_on_acceptance(self):
        mine = self._register(self.ana, self.day5)
        theirs = self._register(self.bob, self.day6)
        theirs.action_offer_exchange()
        swap = self._as(self.ana, mine)._coop_propose_swap(theirs)
        self._register(self.bob, self._shift_at(self.day5.date_begin))
        before = self._snapshot(mine, theirs)
        with self.assertRaisesRegex(UserError, "already have a service at this time"):
            self._as(self.bob, swap).action_accept()
        self.assertEqual(self._snapshot(mine, theirs), before)

    def test_cant_come_early_is_excused_and_offered(self):
        reg = self._register(self.ana, self.day5)
        reg.shift_id.template_id.leader_ids = [Command.set(self.leader.ids)]
        self._as(self.ana, reg).action_cant_come()
        self.assertEqual((reg.state, reg.exchange_state), ("excused", "offered"))
        self.assertEqual(self.ana.coop_points_standard, -1)
        mail = self.env["mail.mail"].search(
            [("model", "=", reg._name), ("res_id", "=", reg.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "bureau@coop.example")
        self.assertEqual(mail.recipient_ids, self.leader)
        self.assertIn("Ana ne peut pas venir", mail.subject)
        new = reg._coop_take_exchange(self.carl)
        self.assertEqual(reg.state, "replaced")
        self.assertEqual(self.ana.coop_points_standard, 0, "the seat is covered")
        self.assertEqual(new.partner_id, self.carl)

    def test_cant_come_late_follows_the_setting(self):
        for setting, points in (("absent", -2), ("excused", -1)):
            with self.subTest(setting):
                self.env.company.coop_shift_late_cancel_state = setting
                member = self._create_member(f"Late {setting}")
                reg = self._register(member, self.soon)
                reg.action_cant_come()
                self.assertEqual(reg.state, setting)
                self.assertEqual(member.coop_points_standard, points)

    def test_cant_come_on_a_makeup_cancels_it(self):
        reg = self._register(self.ana, self.day5, kind="makeup")
        self._as(self.ana, reg).action_cant_come()
        self.assertEqual((reg.state, reg.exchange_state), ("cancelled", "none"))

    def test_swap_on_a_seat_freed_by_cant_come(self):
        """A seat freed by "I can't come" is on the board: it may be received
        in a swap, as it may be taken over; its member then works the
        proposer's service and the freed one costs nothing."""
        mine = self._register(self.ana, self.day5)
        freed = self._register(self.bob, self.day6)
        self._as(self.bob, freed).action_cant_come()
        self.assertEqual(self.bob.coop_points_standard, -1)
        swap = self._as(self.ana, mine)._coop_propose_swap(freed)
        self._as(self.bob, swap).action_accept()
        self.assertEqual((mine.state, freed.state), ("replaced", "replaced"))
        bob_now = mine.replaced_by_ids
        self.assertEqual((bob_now.partner_id, bob_now.state), (self.bob, "planned"))
        self.assertEqual(freed.replaced_by_ids.partner_id, self.ana)
        self.assertEqual(self.bob.coop_points_standard, 0, "the freed seat is covered")

    def test_swap_on_a_freed_seat_taken_meanwhile(self):
        mine = self._register(self.ana, self.day5)
        freed = self._register(self.bob, self.day6)
        self._as(self.bob, freed).action_cant_come()
        swap = self._as(self.ana, mine)._coop_propose_swap(freed)
        freed._coop_take_exchange(self.carl)
        self.assertEqual(swap.state, "withdrawn")
        self.assertEqual(mine.state, "planned")

    def test_nobody_acts_on_someone_elses_service(self):
        bobs = self._register(self.bob, self.day5)
        anas = self._register(self.ana, self.day6)
        offered = self._register(
            self.carl, self._shift_at(self.day6.date_begin + timedelta(days=1))
        )
        offered.action_offer_exchange()
        before = self._snapshot(bobs, anas, offered)
        attacks = [
            lambda: self._as(self.ana, bobs).action_cant_come(),
            lambda: self._as(self.ana, bobs).action_offer_exchange(),
            lambda: self._as(self.ana, offered).action_withdraw_exchange(),
            lambda: self._as(self.ana, bobs)._coop_propose_swap(offered),
            lambda: self._as(self.ana, anas).write({"change_count": 0}),
        ]
        for attack in attacks:
            with self.subTest(attack=attack), self.assertRaises(AccessError):
                attack()
        self.assertEqual(self._snapshot(bobs, anas, offered), before)

    def test_exchange_fields_are_written_by_flows_only(self):
        staff = new_test_user(
            self.env, login="xchg_staff", groups="coop_shift.group_coop_shift_staff"
        )
        reg = self._register(self.ana, self.day5)
        for vals in ({"change_count": 0}, {"cant_come_date": datetime.now()}):
            with self.subTest(vals), self.assertRaises(AccessError):
                reg.with_user(staff).write(vals)
        self.assertEqual(reg.change_count, 0)


@tagged("post_install", "-at_install")
class TestExchangeRoutes(HttpCase, ExchangeCase):
    """The same rules through the portal routes: refusals say why and write
    nothing; someone else's service or swap is not found."""

    def _post(self, partner, url, **data):
        login = self.users[partner].login
        self.authenticate(login, login.replace("_", "-") + "-1")
        response = self.url_open(url, data={"csrf_token": http_csrf(self), **data})
        return response, html.unescape(response.text)

    @mute_logger("odoo.http")
    def test_someone_elses_service_is_not_found(self):
        bobs = self._register(self.bob, self.day5)
        offered = self._register(self.carl, self.day6)
        offered.action_offer_exchange()
        swap = bobs.sudo()._coop_propose_swap(offered)
        before = self._snapshot(bobs, offered)
        for url, data in (
            (f"/my/shifts/{bobs.id}/cant_come", {}),
            (f"/my/shifts/{offered.id}/swap", {"registration_id": bobs.id}),
            (f"/my/shifts/swap/{swap.id}/accept", {}),
            (f"/my/shifts/swap/{swap.id}/withdraw", {}),
        ):
            with self.subTest(url):
                response, _text = self._post(self.ana, url, **data)
                self.assertEqual(response.status_code, 404)
        self.assertEqual(self._snapshot(bobs, offered), before)
        self.assertEqual(swap.state, "proposed")

    def test_swap_through_the_portal(self):
        mine = self._register(self.ana, self.day5)
        theirs = self._register(self.bob, self.day6)
        theirs.action_offer_exchange()
        _response, page = self._post(
            self.ana, f"/my/shifts/{theirs.id}/swap", registration_id=mine.id
        )
        self.assertIn("Withdraw my proposal", page)
        swap = self.env["coop.shift.swap"].search([("offer_id", "=", theirs.id)])
        _response, page = self._post(self.bob, "/my/shifts")
        self.assertIn(f"/my/shifts/swap/{swap.id}/accept", page)
        self._post(self.bob, f"/my/shifts/swap/{swap.id}/accept")
        self.assertEqual(swap.state, "accepted")
        self.assertEqual(theirs.replaced_by_ids.partner_id, self.ana)

    def test_refusals_say_why(self):
        near = self._register(self.ana, self.soon)
        response, page = self._post(self.ana, f"/my/shifts/{near.id}/offer")
        self.assertIn("error=offer", response.url)
        self.assertIn("24 hours before it starts", page)
        self.assertEqual(near.exchange_state, "none")

    def test_buttons_follow_the_offer_rule(self):
        """The page offers (or proposes in a swap) only what the server's rule
        allows, and says why not."""
        near = self._register(self.ana, self.soon)
        far = self._register(self.ana, self.day5)
        offered = self._register(self.bob, self.day6)
        offered.action_offer_exchange()
        _response, page = self._post(self.ana, "/my/shifts")
        self.assertIn(f"/my/shifts/{far.id}/offer", page)
        self.assertNotIn(f"/my/shifts/{near.id}/offer", page)
        self.assertIn("24 hours before it starts", page)
        self.assertIn(f'<option value="{far.id}"', page)
        self.assertNotIn(f'<option value="{near.id}"', page)
        far.sudo().write({"change_count": 2})
        _response, page = self._post(self.ana, "/my/shifts")
        self.assertNotIn(f"/my/shifts/{far.id}/offer", page)
        self.assertNotIn(f"/my/shifts/{offered.id}/swap", page)
        self.assertIn("None of your services can be proposed in a swap now", page)

    def test_swap_on_a_freed_seat_through_the_portal(self):
        mine = self._register(self.ana, self.day5)
        freed = self._register(self.bob, self.day6)
        self._as(self.bob, freed).action_cant_come()
        _response, page = self._post(self.ana, "/my/shifts")
        self.assertIn("Its member cannot come", page)
        self._post(self.ana, f"/my/shifts/{freed.id}/swap", registration_id=mine.id)
        swap = self.env["coop.shift.swap"].search([("offer_id", "=", freed.id)])
        _response, page = self._post(self.bob, "/my/shifts")
        self.assertIn("You cannot come: your seat is offered", page)
        self.assertIn(f"/my/shifts/swap/{swap.id}/accept", page)
        self._post(self.bob, f"/my/shifts/swap/{swap.id}/accept")
        self.assertEqual(swap.state, "accepted")
        self.assertEqual(mine.replaced_by_ids.partner_id, self.bob)

    def test_cant_come_through_the_portal(self):
        reg = self._register(self.ana, self.day5)
        _response, page = self._post(self.ana, "/my/shifts")
        self.assertIn(f"/my/shifts/{reg.id}/cant_come", page)
        self._post(self.ana, f"/my/shifts/{reg.id}/cant_come")
        self.assertEqual((reg.state, reg.exchange_state), ("excused", "offered"))
        _response, page = self._post(self.ana, f"/my/shifts/{reg.id}/cant_come")
        self.assertIn("Only a coming service you are planned on", page)


@tagged("post_install", "-at_install")
class TestExchangeTour(HttpCase, ExchangeCase):
    """Headless browser on a phone-sized screen, as Ana: propose a swap and
    withdraw it, offer her service and withdraw the offer, "I can't come"."""

    browser_size = "375x740"
    touch_enabled = True

    def test_exchange_on_a_phone(self):
        mine = self._register(self.ana, self.day5)
        theirs = self._register(self.bob, self.day6)
        theirs.action_offer_exchange()
        self.start_tour("/my/shifts", "CoopShiftExchangeTour", login="xchg_ana")
        swap = self.env["coop.shift.swap"].search([("offer_id", "=", theirs.id)])
        self.assertEqual(swap.state, "withdrawn")
        self.assertEqual((mine.state, mine.exchange_state), ("excused", "offered"))
        self.assertTrue(mine.cant_come_date)
        self.assertEqual(theirs.state, "planned", "Bob's offer is untouched")
