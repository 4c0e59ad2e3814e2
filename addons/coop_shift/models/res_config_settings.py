# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_shift_week_a_date = fields.Date(
        related="company_id.coop_shift_week_a_date", readonly=False
    )
    coop_shift_cycle_weeks = fields.Integer(
        related="company_id.coop_shift_cycle_weeks", readonly=False
    )
    coop_shift_horizon_days = fields.Integer(
        related="company_id.coop_shift_horizon_days", readonly=False
    )
    coop_shift_alert_days = fields.Integer(
        related="company_id.coop_shift_alert_days", readonly=False
    )
    coop_shift_extension_days = fields.Integer(
        related="company_id.coop_shift_extension_days", readonly=False
    )
    coop_shift_max_extensions = fields.Integer(
        related="company_id.coop_shift_max_extensions", readonly=False
    )
    coop_shift_unsubscribe_absences = fields.Integer(
        related="company_id.coop_shift_unsubscribe_absences", readonly=False
    )
    coop_shift_freeze_points = fields.Integer(
        related="company_id.coop_shift_freeze_points", readonly=False
    )
    coop_shift_absent_points = fields.Integer(
        related="company_id.coop_shift_absent_points", readonly=False
    )
    coop_shift_excused_points = fields.Integer(
        related="company_id.coop_shift_excused_points", readonly=False
    )
    coop_shift_reminder_days = fields.Integer(
        related="company_id.coop_shift_reminder_days", readonly=False
    )
    coop_shift_solidarity_per_year = fields.Integer(
        related="company_id.coop_shift_solidarity_per_year", readonly=False
    )
    coop_shift_extension_max_days = fields.Integer(
        related="company_id.coop_shift_extension_max_days", readonly=False
    )
    coop_shift_leader_window_days = fields.Integer(
        related="company_id.coop_shift_leader_window_days", readonly=False
    )
    coop_shift_makeup_horizon_days = fields.Integer(
        related="company_id.coop_shift_makeup_horizon_days", readonly=False
    )
    coop_shift_leave_max_days = fields.Integer(
        related="company_id.coop_shift_leave_max_days", readonly=False
    )
    coop_shift_exchange_hours = fields.Integer(
        related="company_id.coop_shift_exchange_hours", readonly=False
    )
    coop_shift_max_changes = fields.Integer(
        related="company_id.coop_shift_max_changes", readonly=False
    )
    coop_shift_late_cancel_hours = fields.Integer(
        related="company_id.coop_shift_late_cancel_hours", readonly=False
    )
    coop_shift_late_cancel_state = fields.Selection(
        related="company_id.coop_shift_late_cancel_state", readonly=False
    )
    coop_shift_office_email = fields.Char(
        related="company_id.coop_shift_office_email", readonly=False
    )
