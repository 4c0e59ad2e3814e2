# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    coop_training_nda = fields.Char(
        string="Training declaration number (NDA)",
        help="Déclaration d'activité number, printed on every training document "
        "and on the BPF.",
    )
    coop_training_qualiopi_number = fields.Char(string="Qualiopi certificate")
    coop_training_qualiopi_date = fields.Date(string="Qualiopi certificate expiry")
    coop_training_manager_id = fields.Many2one(
        "res.partner",
        string="Training manager",
        help="Signs the training documents and the BPF (cadre H).",
    )
    coop_training_sign_margin = fields.Integer(
        string="Signing margin (minutes)",
        default=30,
        help="Learners sign a half-day from its start to its end, widened by "
        "this margin on each side. Later, a coordinator records the presence "
        "with a reason.",
    )
