# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class CoopShiftGridWizard(models.TransientModel):
    """Create a whole grid of templates at once: weeks x days x time slots.

    Templates that already exist (same week, day and start) are left alone, so
    the wizard can be run again to complete a grid.
    """

    _name = "coop.shift.grid.wizard"
    _description = "Create a grid of shift templates"

    week_count = fields.Integer(
        string="Weeks", default=lambda self: self.env.company.coop_shift_cycle_weeks
    )
    monday = fields.Boolean(default=True)
    tuesday = fields.Boolean(default=True)
    wednesday = fields.Boolean(default=True)
    thursday = fields.Boolean(default=True)
    friday = fields.Boolean(default=True)
    saturday = fields.Boolean(default=True)
    sunday = fields.Boolean()
    slot_ids = fields.One2many(
        "coop.shift.grid.wizard.slot",
        "wizard_id",
        string="Time slots",
        default=lambda self: [
            Command.create({"start_hour": start, "end_hour": start + 3})
            for start in (8.0, 11.0, 14.0, 17.0)
        ],
    )
    general_seats = fields.Integer(default=6)
    qualification_id = fields.Many2one("coop.qualification", string="Qualified seats")
    qualified_seats = fields.Integer(default=1)

    @api.model
    def _day_fields(self):
        return [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ]

    def action_create(self):
        self.ensure_one()
        days = [str(i) for i, fname in enumerate(self._day_fields()) if self[fname]]
        if not days or not self.slot_ids or self.week_count < 1:
            raise UserError(self.env._("Choose at least one week, day and time slot."))
        Template = self.env["coop.shift.template"]
        existing = {
            (t.week_letter, t.weekday, t.start_hour)
            for t in Template.search([("company_id", "=", self.env.company.id)])
        }
        seats = [Command.create({"seats": self.general_seats})]
        if self.qualification_id and self.qualified_seats:
            seats.append(
                Command.create(
                    {
                        "qualification_id": self.qualification_id.id,
                        "seats": self.qualified_seats,
                    }
                )
            )
        vals_list = [
            {
                "week_letter": chr(65 + week),
                "weekday": day,
                "start_hour": slot.start_hour,
                "end_hour": slot.end_hour,
                "seat_line_ids": seats,
            }
            for week in range(self.week_count)
            for day in days
            for slot in self.slot_ids
            if (chr(65 + week), day, slot.start_hour) not in existing
        ]
        templates = Template.create(vals_list)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_shift.coop_shift_template_action"
        )
        action["domain"] = [("id", "in", templates.ids)]
        return action
