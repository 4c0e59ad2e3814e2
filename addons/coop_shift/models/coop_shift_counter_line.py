# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError


class CoopShiftCounterLine(models.Model):
    """One entry of a member's points ledger; balances are sums of entries.

    Entries are posted by attendance (``coop.shift.registration``), by the
    flying cycle debit (one per member and cycle: ``cycle_date`` is unique per
    partner) or by hand by staff (``manual`` with its author). Entries are never
    edited: a correction is a new entry.
    """

    _name = "coop.shift.counter.line"
    _description = "Shift points ledger line"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, index=True, ondelete="restrict"
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    points = fields.Integer(required=True)
    counter = fields.Selection(
        [("standard", "Standard"), ("flying", "Flying")],
        required=True,
        default="standard",
    )
    reason = fields.Char(string="Reason as written", required=True)
    registration_id = fields.Many2one(
        "coop.shift.registration",
        string="Source registration",
        index="btree_not_null",
        ondelete="set null",
    )
    cycle_date = fields.Date(
        string="Cycle", help="Start of the cycle debited (flying members)."
    )
    manual = fields.Boolean(readonly=True)
    author_id = fields.Many2one("res.users", readonly=True)
    reason_code = fields.Selection(
        [
            ("attendance", "Attendance"),
            ("cycle", "Flying service due for the cycle"),
            ("solidarity", "Solidarity service"),
            ("solidarity_return", "Solidarity service returned to the pool"),
        ],
        readonly=True,
        help="Lines posted by a flow are labelled from this code, in the reader's "
        "language; hand-written lines show their reason.",
    )
    attendance_state = fields.Selection(
        selection="_selection_attendance_state", readonly=True
    )
    # compute_sudo: the label only names the shift and the state of the source
    # registration, which a member may not read when it is someone else's
    label = fields.Char(string="Reason", compute="_compute_label", compute_sudo=True)

    _sql_constraints = [
        (
            "partner_cycle_unique",
            "unique(partner_id, cycle_date)",
            "A member is debited once per cycle.",
        ),
    ]

    def _selection_attendance_state(self):
        return (
            self.env["coop.shift.registration"]
            ._fields["state"]
            ._description_selection(self.env)
        )

    @api.depends("reason", "reason_code", "attendance_state", "registration_id")
    @api.depends_context("lang")
    def _compute_label(self):
        """The reason as the reader reads it: lines posted by a flow are
        worded from their code in the reader's language ("Absent", "Service
        solidaire"), hand-written lines keep their text."""
        codes = dict(self._fields["reason_code"]._description_selection(self.env))
        states = dict(self._fields["attendance_state"]._description_selection(self.env))
        for line in self:
            if line.reason_code == "attendance" and line.attendance_state:
                shift = line.registration_id.shift_id
                state = states[line.attendance_state]
                line.label = f"{shift.name}: {state}" if shift else state
            elif line.reason_code and line.reason_code != "attendance":
                line.label = codes[line.reason_code]
            else:
                line.label = line.reason

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._coop_check_manual(vals_list)
        if self.env.context.get("coop_shift_manual") or not self.env.su:
            for vals in vals_list:
                vals.update(manual=True, author_id=self.env.uid)
        return super().create(vals_list)

    @api.model
    def _coop_check_manual(self, vals_list):
        """A user posts manual lines in their own name only: automatic lines
        (attendance, cycle debit) are posted by the flows themselves, as
        superuser. A line claiming to be automatic, another author, a source
        registration or a cycle is refused."""
        for vals in vals_list:
            forged = (
                ("manual" in vals and not vals["manual"])
                or vals.get("author_id") not in (None, False, self.env.uid)
                or vals.get("registration_id")
                or vals.get("cycle_date")
            )
            if forged:
                raise AccessError(
                    self.env._(
                        "A points line entered by hand is manual and signed by "
                        "whoever enters it."
                    )
                )

    @api.model
    def _cron_flying_cycle_debit(self):
        """Debit every flying member one service at each cycle start.

        Idempotent: a single INSERT ... ON CONFLICT over the unique
        (partner, cycle) pair; members on leave today are not debited.
        """
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].search([]):
            cycle = company._coop_shift_cycle_start(today)
            self.env.flush_all()
            self.env.cr.execute(
                """
                INSERT INTO coop_shift_counter_line (partner_id, date, points,
                    counter, reason, reason_code, cycle_date, manual,
                    create_uid, create_date, write_uid, write_date)
                SELECT p.id, %(cycle)s, -1, 'flying', %(reason)s, 'cycle',
                       %(cycle)s, FALSE,
                       %(uid)s, now() at time zone 'UTC', %(uid)s,
                       now() at time zone 'UTC'
                  FROM res_partner p
                 WHERE p.coop_work_mode = 'flying'
                   AND p.coop_state IN %(working)s
                ON CONFLICT (partner_id, cycle_date) DO NOTHING
                RETURNING partner_id
                """,
                {
                    "cycle": cycle,
                    "working": self.env["res.partner"]._coop_state_groups()["working"],
                    "uid": self.env.uid,
                    "reason": self.env._("Flying service due for the cycle"),
                },
            )
            partners = self.env["res.partner"].browse(
                [row[0] for row in self.env.cr.fetchall()]
            )
            self.invalidate_model()
            partners._coop_shift_refresh_points()
            # lines inserted in SQL are invisible to the ORM's input triggers
            partners._coop_update_state()
