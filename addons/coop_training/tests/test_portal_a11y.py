# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.coop_membership.tests.portal_a11y import PortalA11yCase

from .common import TrainingCase


@tagged("post_install", "-at_install")
class TestPortalA11yTraining(PortalA11yCase, TrainingCase):
    """My trainings is accessible at 320 px (axe-core)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # HttpCase keeps its HTTP session in ``session``
        cls.training_session, cls.session = cls.session, None
        cls.reg.write({"coop_certificate_date": "2025-03-11"})
        new_test_user(
            cls.env,
            login="acces_learner",
            password="acces_learner",
            groups="base.group_portal",
            partner_id=cls.learner.id,
            name="Learner One",
        )

    def test_page(self):
        self.assertAccessible("/my/trainings", "acces_learner")
