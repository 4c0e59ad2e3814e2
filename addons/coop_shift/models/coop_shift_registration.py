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
# Written by the exchange flows only (as superuser, after their checks).
EXCHANGE_FIELDS = {"replaces_id", "change_count", "cant_come_date"}


class CoopShiftRegistration(models.Model):
    """A member on a shift, and whether they came.

    Changing the attendance state posts the points it is worth to the ledger
    (``_coop_points_target``) and recomputes the member's status. A worked
    make-up or extra service may be given to a named member or to the
    solidarity pool (``coop.shift.solidarity``).

    Exchanges between members: offer, withdraw, take over, swap, "I can't come".
    The rules, company settings, held here for every entry point (portal, desk,
    JSON-RPC):

    - a member acts on their own services only; the shift office on any
      (``_coop_check_own``);
    - a service is offered, or proposed in a swap, up to
      ``coop_shift_exchange_hours`` before it starts; later the member uses
      "I can't come" (``_coop_exchange_refusal``, which the portal also uses
      to show or hide its buttons);
    - what is on the exchange board (offered, or a seat freed by "I can't
      come") may be taken over or received in a swap until it starts
      (``_coop_check_on_board``);
    - a service changes hands ``coop_shift_max_changes`` times at most
      (``change_count`` follows the service from hand to hand);
    - whoever takes a service over is a member, holds its seat's qualification
      and has no other service at that time (``coop.shift._coop_check_bookable``);
    - the points follow whoever works: the service given away becomes
      ``replaced`` (worth nothing) and the new one keeps its kind;
    - every action is all-or-nothing: it checks everything before writing.
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
    solidarity_ids = fields.One2many(
        "coop.shift.solidarity", "registration_id", string="Solidarity pool"
    )
    solidarity_donable = fields.Boolean(
        string="May go to the solidarity pool",
        compute="_compute_solidarity_donable",
        compute_sudo=True,
    )
    change_count = fields.Integer(
        string="Changes of hands",
        readonly=True,
        copy=False,
        help="Times this service was taken over or swapped before reaching its member.",
    )
    cant_come_date = fields.Datetime(
        string="Said they cannot come",
        readonly=True,
        copy=False,
        help="When the member said they could not come (the seat is offered to "
        "other members; the late-cancellation rule applies).",
    )
    swap_ids = fields.One2many(
        "coop.shift.swap", "offer_id", string="Swaps proposed for this service"
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

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
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

    @api.constrains("state")
    def _check_solidarity_state(self):
        """A service in the solidarity pool stays attended."""
        if self.filtered(lambda r: r.solidarity_ids and r.state != "attended"):
            raise ValidationError(
                self.env._(
                    "This service was given to the solidarity pool: its attendance "
                    "can no longer change."
                )
            )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
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

    @api.depends(
        "state", "kind", "solidarity_partner_id", "solidarity_ids", "counter_line_ids"
    )
    def _compute_solidarity_donable(self):
        earned = self._coop_points_earned()
        for registration in self:
            registration.solidarity_donable = registration._coop_is_donable(earned)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(set(vals) & EXCHANGE_FIELDS for vals in vals_list):
            raise AccessError(self.env._("Exchanges are recorded by their flows only."))
        registrations = super().create(vals_list)
        # sudo: see write()
        registrations.filtered(
            lambda r: r.state != "planned"
        ).sudo()._coop_post_points()
        return registrations

    def write(self, vals):
        if not self.env.su and set(vals) & EXCHANGE_FIELDS:
            raise AccessError(self.env._("Exchanges are recorded by their flows only."))
        self._coop_check_leader_write(vals)
        freeing = self.browse()
        if vals.get("state") == "cancelled" or vals.get("exchange_state") == "offered":
            # a seat that frees tells the members watching it; a repeated news
            # (offered, then cancelled) is filtered when told
            freeing = self.filtered(lambda r: r.state == "planned")
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
        if freeing:
            # sudo: the watchers' addresses are read to tell them; bounded to
            # the watches of the seats just freed
            self.env["coop.shift.watch"].sudo()._coop_seats_freed(freeing)
        return res

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

    def action_offer_exchange(self):
        """Offer planned services to other members (portal or desk)."""
        self._coop_check_own()
        for reg in self:
            reg._coop_check_exchangeable()
        # sudo: the caller acts on their own services (checked above)
        self.sudo().write({"exchange_state": "offered"})
        self._coop_send_mail("coop_shift.mail_template_exchange_offered")
        return True

    def action_withdraw_exchange(self):
        """Take back an offer: the service stays its member's; swaps proposed
        for it are withdrawn."""
        self._coop_check_own()
        if self.filtered(lambda r: r.exchange_state != "offered"):
            raise UserError(self.env._("This service is not offered."))
        # sudo: the caller withdraws their own offers (checked above)
        self.sudo().write({"exchange_state": "none"})
        self.sudo().swap_ids._coop_close("withdrawn")
        return True

    def action_cant_come(self):
        """ "I can't come": the team leaders and the shift office are told, the
        seat goes on the exchange board, and the standing service counts as
        excused, or, inside ``coop_shift_late_cancel_hours`` of its start, as
        the company's late-cancellation rule says (excused or absent). If
        another member takes the seat over, the service is ``replaced`` and
        costs nothing. A make-up, flying or extra booking is cancelled (its
        seat freed for booking)."""
        self._coop_check_own()
        _ = self.env._
        now = fields.Datetime.now()
        for reg in self:
            if reg.state != "planned" or reg.date_begin <= now:
                raise UserError(
                    _(
                        "Only a coming service you are planned on can be "
                        "cancelled: %(shift)s.",
                        shift=reg.shift_id.display_name,
                    )
                )
        # sudo: the caller acts on their own coming services (checked above)
        for reg in self.sudo():
            reg._coop_cant_come(now)
        return True

    def action_donate_solidarity(self):
        """Give these worked services to the solidarity pool."""
        earned = self._coop_points_earned()
        if not self or self.filtered(lambda r: not r._coop_is_donable(earned)):
            raise UserError(
                self.env._(
                    "Only an attended make-up or extra service that earned you no "
                    "point can go to the solidarity pool, once."
                )
            )
        self.env["coop.shift.solidarity"].create(
            [{"registration_id": registration.id} for registration in self]
        )
        return True

    # ------------------------------------------------------------------
    # Attendance rules
    # ------------------------------------------------------------------
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

    def _coop_check_markable(self):
        if self.filtered(lambda r: r.state in ("cancelled", "replaced")):
            raise UserError(
                self.env._("A cancelled or replaced registration cannot be marked.")
            )

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
    # Solidarity (a named member, or the pool)
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

    def _coop_is_donable(self, earned):
        """An attended make-up or extra service may go to the pool when it
        earned its worker nothing (they owed nothing), was not given to a named
        member and is not in the pool already. ``earned`` is
        ``_coop_points_earned()``."""
        self.ensure_one()
        return (
            self.state == "attended"
            and self.kind in ("makeup", "extra")
            and not self.solidarity_partner_id
            and not self.solidarity_ids
            and not earned.get(self.id)
        )

    def _coop_points_earned(self):
        """``{registration_id: points it posted to the ledger}`` (one query)."""
        groups = (
            self.env["coop.shift.counter.line"]
            .sudo()
            ._read_group(
                [("registration_id", "in", self.ids), ("manual", "=", False)],
                ["registration_id"],
                ["points:sum"],
            )
        )
        return {registration.id: points for registration, points in groups}

    # ------------------------------------------------------------------
    # Exchanges: flows (superuser, after the checks)
    # ------------------------------------------------------------------
    def _coop_cant_come(self, now):
        self.ensure_one()
        if self.kind != "standing":
            self.write({"state": "cancelled", "cant_come_date": now})
        else:
            company = self.company_id
            late = self.date_begin - now <= timedelta(
                hours=company.coop_shift_late_cancel_hours
            )
            state = company.coop_shift_late_cancel_state if late else "excused"
            self.write(
                {"state": state, "exchange_state": "offered", "cant_come_date": now}
            )
        self._coop_send_cant_come_mail()

    def _coop_send_cant_come_mail(self):
        """One mail to the shift's team leaders and the shift office."""
        template = self.env.ref(
            "coop_shift.mail_template_cant_come", raise_if_not_found=False
        )
        company = self.company_id
        office = company.coop_shift_office_email or company.email
        leaders = self.shift_id.template_id.leader_ids.filtered("email")
        if template and (office or leaders):
            template.send_mail(
                self.id,
                email_values={
                    "email_to": office or "",
                    "recipient_ids": [(6, 0, leaders.ids)],
                },
            )

    def _coop_take_exchange(self, partner):
        """``partner`` takes this offered service over.

        A registration of the same kind is created for them and this one becomes
        ``replaced`` (no points): the points follow whoever works. A service is
        exchanged once only: the row is locked, re-read, and ``replaces_id`` is
        unique, so a second (or concurrent) taker is refused.
        """
        self.ensure_one()
        self._coop_lock()
        self._coop_check_on_board()
        self.shift_id._coop_check_bookable(
            partner, self.qualification_id, exchange=True
        )
        new = self._coop_hand_over(partner)
        (self | new)._coop_send_mail("coop_shift.mail_template_exchange_done")
        return new

    def _coop_hand_over(self, partner):
        """This service becomes ``partner``'s: this one ``replaced``, a new one
        of the same kind, one more change of hands. Proposed swaps close."""
        self.write({"state": "replaced", "exchange_state": "none"})
        self.swap_ids._coop_close("withdrawn")
        self.env["coop.shift.swap"].search(
            [("registration_id", "=", self.id), ("state", "=", "proposed")]
        )._coop_close("withdrawn")
        return self.create(
            {
                "shift_id": self.shift_id.id,
                "partner_id": partner.id,
                "kind": self.kind,
                "qualification_id": self.qualification_id.id,
                "replaces_id": self.id,
                "change_count": self.change_count + 1,
            }
        )

    # ------------------------------------------------------------------
    # Exchanges: rules
    # ------------------------------------------------------------------
    def _coop_check_own(self):
        """The member of each registration acts on it, or the shift office."""
        if self._coop_is_shift_office():
            return
        partner = self.env.user.partner_id
        if self.sudo().filtered(lambda r: r.partner_id != partner):
            raise AccessError(self.env._("You may only act on your own services."))

    def _coop_exchange_refusal(self):
        """Why this service may not be offered, or proposed in a swap, now
        (``""`` if it may): it must be planned, not given nor taken over yet,
        start more than ``coop_shift_exchange_hours`` from now, and have changed
        hands fewer times than the maximum. The portal shows or hides its
        buttons by this same rule."""
        self.ensure_one()
        _ = self.env._
        if (
            self.state != "planned"
            or self.replaced_by_ids
            or self.solidarity_partner_id
        ):
            return _("Only a planned service can be offered.")
        hours = self.company_id.coop_shift_exchange_hours
        if self.date_begin - fields.Datetime.now() < timedelta(hours=hours):
            return _(
                "A service is offered up to %(hours)s hours before it starts: "
                'use "I can\'t come" instead.',
                hours=hours,
            )
        return self._coop_changes_refusal()

    def _coop_check_exchangeable(self):
        """Raise the reason of ``_coop_exchange_refusal``, if any."""
        reason = self._coop_exchange_refusal()
        if reason:
            raise UserError(reason)

    def _coop_check_on_board(self):
        """This service is on the exchange board and may still change hands
        (taken over, or received in a swap): offered, planned or freed by "I
        can't come", not taken over yet, fewer changes than the maximum. Its
        shift must not have started (``coop.shift._coop_check_bookable``)."""
        self.ensure_one()
        if (
            self.exchange_state != "offered"
            or self.replaced_by_ids
            or not (self.state == "planned" or self.cant_come_date)
        ):
            raise UserError(self.env._("This service is no longer offered."))
        reason = self._coop_changes_refusal()
        if reason:
            raise UserError(reason)

    def _coop_changes_refusal(self):
        """Why this service may not change hands again (``""`` if it may): it
        changed hands ``coop_shift_max_changes`` times already."""
        self.ensure_one()
        if self.change_count >= self.company_id.coop_shift_max_changes:
            return self.env._(
                "This service has already changed hands %(count)s times, the "
                "most allowed: ask the shift office.",
                count=self.change_count,
            )
        return ""

    def _coop_lock(self):
        """Lock these rows until the end of the transaction and re-read them."""
        self.env.cr.execute(
            "SELECT id FROM coop_shift_registration WHERE id IN %s FOR UPDATE",
            [tuple(self.ids)],
        )
        self.invalidate_recordset()

    # ------------------------------------------------------------------
    # Swaps and stand-ins
    # ------------------------------------------------------------------
    def _coop_propose_swap(self, offer):
        """Propose to the member who offered ``offer`` to swap it for this
        service of mine; they accept or decline (``coop.shift.swap``). Both
        services must be exchangeable now and each member able to work the
        other's (checked again on acceptance)."""
        self.ensure_one()
        self._coop_check_own()
        offer = offer.sudo()
        if offer.exchange_state != "offered" or offer.partner_id == self.partner_id:
            raise UserError(self.env._("This service is not offered to you."))
        Swap = self.env["coop.shift.swap"].sudo()
        pending = [
            ("registration_id", "=", self.id),
            ("offer_id", "=", offer.id),
            ("state", "=", "proposed"),
        ]
        if Swap.search_count(pending):
            raise UserError(self.env._("You have already proposed this swap."))
        # sudo: the caller proposes their own service (checked above)
        self.sudo()._coop_check_swap(offer)
        swap = Swap.create({"registration_id": self.id, "offer_id": offer.id})
        if swap.partner_id.email:
            # sudo (Swap): the mail goes to the member the swap is proposed to
            self.env.ref("coop_shift.mail_template_swap_proposed").sudo().send_mail(
                swap.id
            )
        return swap

    def _coop_check_swap(self, offer):
        """This service and ``offer`` may change hands with each other now:
        mine may be offered now (``_coop_exchange_refusal``), ``offer`` is on
        the board (offered, or freed by "I can't come":
        ``_coop_check_on_board``), and each member may work the other's."""
        self._coop_check_exchangeable()
        offer._coop_check_on_board()
        for reg, other in ((self, offer), (offer, self)):
            other.shift_id._coop_check_bookable(
                reg.partner_id, other.qualification_id, exchange=True, ignore=reg
            )

    def _coop_swap(self, offer):
        """Swap this service and ``offer`` between their members (locked,
        checked again, all-or-nothing): two new services, the old ones
        ``replaced``; the points follow whoever works."""
        (self | offer)._coop_lock()
        self._coop_check_swap(offer)
        mine, theirs = self.partner_id, offer.partner_id
        new = self._coop_hand_over(theirs) | offer._coop_hand_over(mine)
        (self | offer | new)._coop_send_mail("coop_shift.mail_template_exchange_done")
        return new

    def _coop_stand_in(self, partner):
        """The shift office puts ``partner`` in this service's place (desk
        wizard): any time before it starts and however many times it changed
        hands, but the stand-in must be able to work it."""
        self.ensure_one()
        if not self._coop_is_shift_office():
            raise AccessError(self.env._("Only the shift office places a stand-in."))
        self._coop_lock()
        if self.replaced_by_ids or not (self.state == "planned" or self.cant_come_date):
            raise UserError(self.env._("This service can no longer be taken over."))
        self.shift_id._coop_check_bookable(
            partner, self.qualification_id, exchange=True
        )
        # sudo: the shift office acts on any service (checked above)
        new = self.sudo()._coop_hand_over(partner)
        (self | new)._coop_send_mail("coop_shift.mail_template_exchange_done")
        return new

    # ------------------------------------------------------------------
    # Reminders and mails
    # ------------------------------------------------------------------
    @api.model
    def _cron_coop_reminder(self):
        """Remind members of their services when, and whether, each chose
        (``coop.shift.reminder.preference``; the coop's default otherwise)."""
        self.env["coop.shift.reminder.preference"]._coop_send_reminders()

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
