# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class CoopShiftSolidarity(models.Model):
    """A service given to the solidarity pool, and the member it went to.

    A member who worked a service that earned them nothing (an extra service,
    or a make-up while owing nothing) may give it to the pool. Staff of the
    solidarity group then give pooled services, one at a time, to members in
    difficulty who owe services: the counter they owe on gets one service back
    (a manual ledger line, the donor is not named in it). A member may receive
    a limited number of services per year (company setting). A service given
    by mistake is returned to the pool with a reversing line: the ledger is
    never edited.
    """

    _name = "coop.shift.solidarity"
    _description = "Solidarity service"
    _inherit = ["mail.thread"]
    _order = "state, date desc, id desc"
    _rec_name = "registration_id"

    registration_id = fields.Many2one(
        "coop.shift.registration",
        string="Service",
        required=True,
        readonly=True,
        ondelete="restrict",
    )
    donor_id = fields.Many2one(
        related="registration_id.partner_id", store=True, string="Given by"
    )
    date = fields.Date(related="registration_id.date", store=True)
    company_id = fields.Many2one(related="registration_id.company_id", store=True)
    state = fields.Selection(
        [("available", "In the pool"), ("given", "Given")],
        default="available",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    recipient_id = fields.Many2one(
        "res.partner",
        string="Given to",
        tracking=True,
        index="btree_not_null",
        domain="[('coop_is_member', '=', True), ('id', '!=', donor_id)]",
        help="A member in difficulty who owes services.",
    )
    date_given = fields.Date(string="Given on", readonly=True, copy=False)
    counter_line_id = fields.Many2one(
        "coop.shift.counter.line", string="Ledger line", readonly=True, copy=False
    )
    note = fields.Text(help="Why this member receives it (staff only).")

    _sql_constraints = [
        (
            "registration_unique",
            "unique(registration_id)",
            "This service is already in the solidarity pool.",
        ),
    ]

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_give(self):
        """Give each pooled service to its recipient: one service back on the
        counter they owe on."""
        for gift in self:
            gift._coop_check_give()
            line = (
                self.env["coop.shift.counter.line"]
                .with_context(coop_shift_manual=True)
                .create(
                    {
                        "partner_id": gift.recipient_id.id,
                        "points": 1,
                        "counter": gift.recipient_id._coop_solidarity_counter(),
                        "reason": self.env._("Solidarity service"),
                        "reason_code": "solidarity",
                    }
                )
            )
            gift.write(
                {
                    "state": "given",
                    "date_given": fields.Date.context_today(self),
                    "counter_line_id": line.id,
                }
            )
        return True

    def action_return_to_pool(self):
        """Undo a gift: a reversing ledger line, the service back in the pool."""
        given = self.filtered(lambda g: g.state == "given")
        self.env["coop.shift.counter.line"].with_context(coop_shift_manual=True).create(
            [
                {
                    "partner_id": gift.recipient_id.id,
                    "points": -gift.counter_line_id.points,
                    "counter": gift.counter_line_id.counter,
                    "reason": self.env._("Solidarity service returned to the pool"),
                    "reason_code": "solidarity_return",
                }
                for gift in given
            ]
        )
        given.write(
            {
                "state": "available",
                "recipient_id": False,
                "date_given": False,
                "counter_line_id": False,
            }
        )
        return True

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    def _coop_check_give(self):
        """A pooled service goes, once, to a member other than its donor who
        owes services and has received fewer than the yearly maximum."""
        self.ensure_one()
        recipient = self.recipient_id
        if self.state != "available":
            raise UserError(self.env._("This service has already been given."))
        if not recipient:
            raise UserError(self.env._("Choose the member who receives the service."))
        if recipient == self.donor_id:
            raise UserError(self.env._("A service is given to another member."))
        owed = recipient._coop_facts()[recipient.id].owed
        if not recipient.coop_is_member or owed <= 0:
            raise UserError(
                self.env._(
                    "%(member)s owes no service: the pool is for members who do.",
                    member=recipient.name,
                )
            )
        maximum = self.company_id.coop_shift_solidarity_per_year
        received = self._coop_received_since(recipient, self._coop_year_start())
        if received.get(recipient.id, 0) >= maximum:
            raise UserError(
                self.env._(
                    "%(member)s has already received %(max)s solidarity services "
                    "in the last twelve months.",
                    member=recipient.name,
                    max=maximum,
                )
            )

    @api.model
    def _coop_received_since(self, partners, since):
        """``{partner_id: services received since ``since``}`` (one query)."""
        groups = self._read_group(
            [
                ("recipient_id", "in", partners.ids),
                ("state", "=", "given"),
                ("date_given", ">=", since),
            ],
            ["recipient_id"],
            ["__count"],
        )
        return {partner.id: count for partner, count in groups}

    @api.model
    def _coop_year_start(self):
        return fields.Date.context_today(self) - relativedelta(years=1)
