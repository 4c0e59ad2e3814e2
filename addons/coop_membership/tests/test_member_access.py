# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import CoopRoleCase


@tagged("at_install", "-post_install", "coop_access")
class TestMemberAccess(CoopRoleCase):
    """Access rights per role for the member side and the till log."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls._create_member("Yasmine")
        cls.portal.partner_id.write({"name": "Zoé"})
        cls.log = cls.env["coop.pos.access.log"].create(
            {"event": "refused", "partner_id": cls.member.id, "reason": "test"}
        )

    def test_desk_manages_working_groups_and_members(self):
        group = (
            self.env["coop.working.group"]
            .with_user(self.desk)
            .create({"name": "Test fournisseurs"})
        )
        self.member.with_user(self.desk).coop_working_group_ids = group
        self.assertEqual(group.member_ids, self.member)
        with self.assertRaises(AccessError):
            group.with_user(self.desk).unlink()
        group.with_user(self.manager).unlink()

    def test_cashier_reads_till_data_and_logs_only(self):
        partner = self.member.with_user(self.cashier)
        self.assertTrue(partner.coop_can_shop)
        self.assertTrue(partner.coop_card_barcode)
        log = self.log.with_user(self.cashier)
        self.assertEqual(log.reason, "test")
        with self.assertRaises(AccessError):
            log.write({"reason": "changed"})
        with self.assertRaises(AccessError):
            log.unlink()
        with self.assertRaises(AccessError, msg="only the till's RPC writes logs"):
            self.env["coop.pos.access.log"].with_user(self.cashier).create(
                {"event": "override", "partner_id": self.member.id}
            )
        with self.assertRaises(AccessError):
            self.env["coop.working.group"].with_user(self.cashier).create({"name": "X"})

    def test_desk_reads_log_but_cannot_forge_it(self):
        self.assertEqual(self.log.with_user(self.desk).reason, "test")
        with self.assertRaises(AccessError):
            self.env["coop.pos.access.log"].with_user(self.desk).create(
                {"event": "override", "partner_id": self.member.id}
            )

    def test_portal_sees_no_log_and_no_other_member(self):
        with self.assertRaises(AccessError):
            self.log.with_user(self.portal).read(["reason"])
        partners = (
            self.env["res.partner"]
            .with_user(self.portal)
            .search([("coop_member_number", "!=", False)])
        )
        self.assertFalse(partners)

    def test_only_admins_see_override_pins(self):
        self.manager.sudo().coop_pos_pin = "7391"
        with self.assertRaises(AccessError):
            self.manager.with_user(self.manager).read(["coop_pos_pin"])

    def test_desk_uses_member_forms(self):
        """The member views load and save for the member desk."""
        group = Form(self.env["coop.working.group"].with_user(self.desk))
        group.name = "Test solidarité"
        group = group.save()
        with Form(self.member.with_user(self.desk)) as form:
            form.coop_working_group_ids.add(group)
            self.assertEqual(form.coop_member_number, self.member.coop_member_number)
        self.assertEqual(self.member.coop_working_group_ids, group)
        registration = Form(self.env["event.event"].with_user(self.desk))
        registration.name = "Réunion d'accueil"
        registration.coop_is_welcome_session = True
        self.assertTrue(registration.save().coop_is_welcome_session)
