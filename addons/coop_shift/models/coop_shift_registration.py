# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

KINDS = [
    ("standing", "Standing"),
    ("makeup", "Make-up"),
    ("flying", "Flying"),
    ("extra", "Extra"),
]
STATES = [
    ("planned", "Planned"),
    ("attended", "Attended"),
    ("absent", "Absent"),
    ("excused", "Excused"),
    ("cancelled", "Cancelled"),
    ("replaced", "Replaced"),
]
ACTIVE_STATES = ("planned", "attended", "absent", "excused")
# What a leader may write on a registration of a shift they lead, today.
LEADER_MARKS = ("attended", "absent")


class CoopShiftRegistration(models.Model):
    """A member on a shift, and whether they came.

    Changing the attendance state posts the points it is worth to the ledger
    (``_coop_points_target``) and recomputes the member's status.
    """

    _name = "coop.shift.registration"
    _description = "Shift registration"
    _inherit = ["mail.thread"]
    _order = "date, shift_id, id"
    _rec_name = "partner_id"

    shift_id = fields.Many2one(
        "coop.shift", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, index=True, ondelete="cascade"
    )
    date = fields.Date(related="shift_id.date", store=True, index=True)
    date_begin = fields.Datetime(related="shift_id.date_begin")
    company_id = fields.Many2one(related="shift_id.company_id", store=True)
    kind = fields.Selection(KINDS, required=True, default="makeup", index=True)
    state = fields.Selection(
        STATES, required=True, default="planned", index=True, tracking=True
    )
    qualification_id = fields.Many2one(
        "coop.qualification", string="Seat", help="Qualified seat taken, if any."
    )
    leave_id = fields.Many2one(
        "coop.shift.leave",
        readonly=True,
        index="btree_not_null",
        help="Leave that excuses this registration (no points).",
    )
    exchange_state = fields.Selection(
        [("none", "Not offered"), ("offered", "Offered for exchange")],
        default="none",
        required=True,
        index=True,
    )
    replaces_id = fields.Many2one(
        "coop.shift.registration",
        string="Replaces",
        readonly=True,
        index="btree_not_null",
        help="The registration this one took over in an exchange.",
    )
    replaced_by_ids = fields.One2many(
        "coop.shift.registration", "replaces_id", string="Replaced by"
    )
    solidarity_partner_id = fields.Many2one(
        "res.partner",
        string="Given to",
        help="Solidarity shift: the points of this service go to this member.",
    )
    reminder_sent = fields.Boolean(readonly=True, copy=False)
    marked_uid = fields.Many2one(
        "res.users",
        string="Marked by",
        readonly=True,
        copy=False,
        help="Who marked the attendance last (a leader may undo their own mark).",
    )
    counter_line_ids = fields.One2many(
        "coop.shift.counter.line", "registration_id", string="Points"
    )
    can_undo = fields.Boolean(
        compute="_compute_can_undo",
        help="The current user may put this mark back to planned.",
    )

    _sql_constraints = [
        (
            "shift_partner_unique",
            "unique(shift_id, partner_id)",
            "A member is registered once per shift.",
        ),
        (
            "replaces_unique",
            "unique(replaces_id)",
            "This registration has already been exchanged.",
        ),
    ]

    @api.constrains("partner_id", "qualification_id", "shift_id", "state")
    def _check_seats(self):
        """A qualified seat needs the qualification; seats of a kind are counted."""
        for reg in self.filtered("qualification_id"):
            if reg.qualification_id not in reg.partner_id.coop_qualification_ids:
                raise ValidationError(
                    self.env._(
                        "%(member)s does not hold the qualification %(qual)s.",
                        member=reg.partner_id.display_name,
                        qual=reg.qualification_id.display_name,
                    )
                )
        shifts = self.filtered(lambda r: r.state in ACTIVE_STATES).shift_id
        counts = self._coop_seat_counts(shifts)
        for shift in shifts.filtered(lambda s: not s.template_id and s.seats_max):
            if sum(counts.get(shift.id, {}).values()) > shift.seats_max:
                raise ValidationError(
                    self.env._("No seat left on %(shift)s.", shift=shift.display_name)
                )
        for shift in shifts.filtered("template_id"):
            seats = {
                line.qualification_id.id: line.seats
                for line in shift.template_id.seat_line_ids
            }
            for qualification_id, taken in counts.get(shift.id, {}).items():
                if taken > seats.get(qualification_id, 0):
                    raise ValidationError(
                        self.env._(
                            "No seat left of this kind on %(shift)s.", shift=shift.name
                        )
                    )

    @api.depends("state", "marked_uid")
    @api.depends_context("uid")
    def _compute_can_undo(self):
        office = self._coop_is_shift_office()
        partner = self.env.user.partner_id
        for reg in self:
            reg.can_undo = reg.state in LEADER_MARKS and (
                office
                or (
                    reg.marked_uid == self.env.user
                    and partner in reg.shift_id.template_id.leader_ids
                    and reg.shift_id._coop_in_leader_window()
                )
            )

    @api.model
    def _coop_seat_counts(self, shifts):
        """``{shift_id: {qualification_id or False: seats taken}}`` (one query).
        Extra services (walk-ins, gifts of time) take no seat."""
        if not shifts:
            return {}
        groups = self._read_group(
            [
                ("shift_id", "in", shifts.ids),
                ("state", "in", ACTIVE_STATES),
                ("kind", "!=", "extra"),
            ],
            ["shift_id", "qualification_id"],
            ["__count"],
        )
        counts = defaultdict(dict)
        for shift, qualification, count in groups:
            counts[shift.id][qualification.id] = count
        return counts

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        registrations = super().create(vals_list)
        # sudo: see write()
        registrations.filtered(
            lambda r: r.state != "planned"
        ).sudo()._coop_post_points()
        return registrations

    def write(self, vals):
        self._coop_check_leader_write(vals)
        if "state" in vals:
            vals = dict(
                vals, marked_uid=self.env.uid if vals["state"] != "planned" else False
            )
        res = super().write(vals)
        if "state" in vals:
            # sudo: the ledger lines are the consequence of an attendance change
            # the user was allowed to make (leaders do not write the ledger).
            self.sudo()._coop_post_points()
            if vals["state"] == "absent":
                self.partner_id.sudo()._coop_check_unsubscribe()
        return res

    def _coop_check_leader_write(self, vals):
        """The leader's rule: someone outside the shift office (a team leader)
        may only mark present or absent a planned registration of a shift they
        lead, dated within the leader window (today by default, company
        setting), and put back to planned a mark they made themselves in that
        window. Excusing, resetting others' marks, changing the kind, the
        member, the shift, the leave or the solidarity recipient is for the
        shift office only. Checked here so that every entry point (form, button,
        JSON-RPC) obeys it."""
        if self._coop_is_shift_office():
            return
        if set(vals) - {"state"} or vals.get("state") not in (*LEADER_MARKS, "planned"):
            raise AccessError(
                self.env._(
                    "Only the shift office may change this: a leader marks members "
                    "present or absent."
                )
            )
        partner = self.env.user.partner_id
        for reg in self:
            if partner not in reg.shift_id.template_id.leader_ids:
                raise AccessError(
                    self.env._(
                        "You do not lead the shift %(shift)s.",
                        shift=reg.shift_id.display_name,
                    )
                )
            if not reg.shift_id._coop_in_leader_window():
                raise AccessError(
                    self.env._(
                        "The shift %(shift)s is outside the days a leader may mark: "
                        "ask the shift office.",
                        shift=reg.shift_id.display_name,
                    )
                )
            own_mark = reg.state in LEADER_MARKS and reg.marked_uid == self.env.user
            if not (reg.state == "planned" or own_mark):
                raise AccessError(
                    self.env._(
                        "%(member)s was already marked by someone else: ask the "
                        "shift office.",
                        member=reg.partner_id.display_name,
                    )
                )

    def _coop_is_shift_office(self):
        """The shift office: shift staff, or a flow running as superuser."""
        return self.env.su or self.env.user.has_group(
            "coop_shift.group_coop_shift_staff"
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_if_not_marked(self):
        """A registration that was marked (or posted points) is history: it
        is cancelled or reset, never deleted."""
        if self.filtered(
            lambda r: r.state in ("attended", "absent", "excused") or r.counter_line_ids
        ):
            raise UserError(
                self.env._(
                    "A marked service or one that moved points cannot be deleted: "
                    "reset or cancel it."
                )
            )

    # ------------------------------------------------------------------
    # Actions (leader's two taps, staff, portal)
    # ------------------------------------------------------------------
    def action_attended(self):
        self._coop_check_markable()
        self.write({"state": "attended"})
        return True

    def action_absent(self):
        self._coop_check_markable()
        self.write({"state": "absent"})
        return True

    def action_excused(self):
        self._coop_check_markable()
        self.write({"state": "excused"})
        return True

    def action_reset(self):
        """Back to planned: the shift office, or a leader undoing their own mark
        within the leader window (see ``_coop_check_leader_write``)."""
        self.write({"state": "planned"})
        return True

    def _coop_check_markable(self):
        if self.filtered(lambda r: r.state in ("cancelled", "replaced")):
            raise UserError(
                self.env._("A cancelled or replaced registration cannot be marked.")
            )

    def action_cancel(self):
        """Cancel a make-up, flying or extra booking (standing ones are exchanged)."""
        if self.filtered(lambda r: r.kind == "standing"):
            raise UserError(
                self.env._(
                    "A standing service cannot be cancelled: offer it for exchange."
                )
            )
        if self.filtered(lambda r: r.state != "planned"):
            raise UserError(self.env._("Only a planned service can be cancelled."))
        self.write({"state": "cancelled"})
        return True

    # ------------------------------------------------------------------
    # Points
    # ------------------------------------------------------------------
    def _coop_points_target(self, balances):
        """Points this registration is worth now: ``(partner, counter, points)``.

        The rule, in words (amounts configurable on the company):
        - planned, cancelled, replaced, or excused by a leave: nothing;
        - standing: absent -2, excused -1, attended 0 (the service was due);
        - make-up: attended +1, but never above 0 on the standard counter;
        - flying: attended +1 on the flying counter (the cycle debit is apart);
        - extra: nothing (a gift of time);
        - a solidarity shift's points go to the member it is given to.
        """
        company = self.company_id
        partner = self.solidarity_partner_id or self.partner_id
        if self.state in ("planned", "cancelled", "replaced") or self.leave_id:
            return partner, "standard", 0
        if self.kind == "standing":
            points = {
                "absent": -company.coop_shift_absent_points,
                "excused": -company.coop_shift_excused_points,
            }.get(self.state, 0)
            return partner, "standard", points
        if self.kind == "flying":
            return partner, "flying", 1 if self.state == "attended" else 0
        if self.kind == "makeup" or self.solidarity_partner_id:
            owed = -min(balances[partner.id], 0)
            points = min(1, owed) if self.state == "attended" else 0
            return partner, "standard", points
        return partner, "standard", 0

    def _coop_post_points(self):
        """Post to the ledger the difference between what each registration is
        worth now and what it already posted (one grouped read, one create)."""
        posted = defaultdict(int)
        groups = self.env["coop.shift.counter.line"]._read_group(
            [("registration_id", "in", self.ids), ("manual", "=", False)],
            ["registration_id", "partner_id", "counter"],
            ["points:sum"],
        )
        for reg, partner, counter, points in groups:
            posted[reg.id, partner.id, counter] += points
        balances = defaultdict(int)
        beneficiaries = self.solidarity_partner_id | self.partner_id
        for partner in beneficiaries:
            balances[partner.id] = partner.coop_points_standard
        vals_list = []
        for reg in self:
            partner, counter, points = reg._coop_points_target(balances)
            for (reg_id, partner_id, cnt), value in list(posted.items()):
                if reg_id == reg.id and (partner_id, cnt) != (partner.id, counter):
                    if value:
                        vals_list.append(reg._coop_line_vals(partner_id, cnt, -value))
                    posted.pop((reg_id, partner_id, cnt))
            delta = points - posted.get((reg.id, partner.id, counter), 0)
            if delta:
                vals_list.append(reg._coop_line_vals(partner.id, counter, delta))
                if counter == "standard":
                    balances[partner.id] += delta
        if vals_list:
            self.env["coop.shift.counter.line"].create(vals_list)

    def _coop_line_vals(self, partner_id, counter, points):
        labels = dict(self._fields["state"]._description_selection(self.env))
        return {
            "partner_id": partner_id,
            "registration_id": self.id,
            "counter": counter,
            "points": points,
            "date": self.date,
            "reason": f"{self.shift_id.name}: {labels[self.state]}",
            "reason_code": "attendance",
            "attendance_state": self.state,
        }

    # ------------------------------------------------------------------
    # Exchanges and solidarity
    # ------------------------------------------------------------------
    def _coop_give_solidarity(self, recipient):
        """Give this make-up or extra service to a member in difficulty: when it
        is attended, its point goes to ``recipient`` instead."""
        self.ensure_one()
        if self.kind not in ("makeup", "extra") or self.state != "planned":
            raise UserError(
                self.env._("Only a planned make-up or extra service can be given.")
            )
        if recipient == self.partner_id:
            raise UserError(self.env._("A service is given to another member."))
        self.solidarity_partner_id = recipient
        return True

    @api.model
    def _cron_coop_reminder(self):
        """Remind members of their service N days ahead (company setting)."""
        today = fields.Date.context_today(self)
        days = self.env.company.coop_shift_reminder_days
        registrations = self.search(
            [
                ("state", "=", "planned"),
                ("reminder_sent", "=", False),
                ("date", ">=", today),
                ("date", "<=", today + timedelta(days=days)),
            ]
        )
        registrations._coop_send_mail("coop_shift.mail_template_reminder")
        registrations.write({"reminder_sent": True})

    def _coop_send_mail(self, xmlid):
        """Mail each member about their own registration (``xmlid``'s template),
        once the calling flow has made its checks."""
        # sudo: members (portal) may not read templates; the mail goes to the
        # registration's own member only
        template = self.env.ref(xmlid, raise_if_not_found=False)
        if not template:
            return
        template = template.sudo()
        for reg in self.filtered(lambda r: r.partner_id.email):
            template.send_mail(reg.id)
