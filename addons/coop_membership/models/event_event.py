# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    coop_is_welcome_session = fields.Boolean(
        string="Welcome session",
        help="Attending this event makes a candidate a member of the cooperative.",
    )
