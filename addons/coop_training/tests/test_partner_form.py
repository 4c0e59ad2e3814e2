# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import TrainingCase

PAGE = "//page[@name='coop_training']"
FUNDER = "//field[@name='coop_training_funder_type']"


@tagged("at_install", "-post_install")
class TestTrainingPartnerForm(TrainingCase):
    """The trainings button and page of the contact form, per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supplier = cls.env["res.partner"].create(
            {"name": "Grossiste SAS", "is_company": True}
        )
        action = cls.env.ref("coop_training.event_registration_action_training")
        cls.button = f"//button[@name='{action.id}']"

    def test_form_loads_for_each_role(self):
        users = (self.desk, self.cashier, self.trainer_user, self.coordinator_user)
        for user in users:
            for partner in (self.learner, self.supplier):
                with self.subTest(user=user.login, partner=partner.name):
                    _arch, values = self._partner_form(partner, user)
                    self.assertEqual(values["id"], partner.id)

    def test_coordinator_sees_the_trainings(self):
        arch, values = self._partner_form(self.learner, self.coordinator_user)
        self.assertEqual(values["coop_training_registration_count"], 1)
        self.assertTrue(self._form_shows(arch, values, self.button))
        self.assertTrue(self._form_shows(arch, values, PAGE))
        funder = arch.xpath(FUNDER)
        self.assertEqual(funder[0].get("widget"), "selection")
        self.assertFalse(arch.xpath(PAGE + FUNDER[1:]))

    def test_supplier_gets_no_training_page(self):
        arch, values = self._partner_form(self.supplier, self.coordinator_user)
        self.assertEqual(values["coop_training_registration_count"], 0)
        self.assertFalse(self._form_shows(arch, values, self.button))
        self.assertFalse(self._form_shows(arch, values, PAGE))

    def test_no_funder_codes_outside_coordinators(self):
        for user in (self.desk, self.cashier, self.trainer_user):
            with self.subTest(user=user.login):
                arch, _values = self._partner_form(self.learner, user)
                self.assertFalse(arch.xpath(FUNDER))
