# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_date

from .coop_shift_template import WEEK_LETTERS


def shift_label(env, template_name, date):
    """A shift's name: its slot's name (or "Shift") and its date in the
    reader's format; the calendar feed builds it from SQL."""
    return f"{template_name or env._('Shift')} ({format_date(env, date)})"


class CoopShift(models.Model):
    """One dated service of a template (or an ad-hoc one without template).

    Generated set-based by ``_coop_generate``: one shift per template and date
    (SQL unique constraint), standing members registered in the same pass.
    """

    _name = "coop.shift"
    _description = "Shift"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_begin, id"

    name = fields.Char(compute="_compute_name", search="_search_name")
    template_id = fields.Many2one(
        "coop.shift.template", index=True, ondelete="restrict", readonly=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date = fields.Date(required=True, index=True)
    date_begin = fields.Datetime(string="Begins", required=True)
    date_end = fields.Datetime(string="Ends", required=True)
    week_letter = fields.Selection(WEEK_LETTERS, readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    closure_id = fields.Many2one("coop.shift.closure", readonly=True)
    seats_max = fields.Integer(string="Seats")
    registration_ids = fields.One2many(
        "coop.shift.registration", "shift_id", string="Registrations"
    )
    seats_taken = fields.Integer(compute="_compute_seats")
    seats_available = fields.Integer(compute="_compute_seats")
    fill_color = fields.Integer(
        compute="_compute_seats",
        help="Calendar colour: grey cancelled, blue closed, red full, orange "
        "one seat left, green seats free.",
    )
    calendar_title = fields.Char(
        compute="_compute_calendar_title",
        help="Calendar card: the shift and its free seats, in the reader's language.",
    )
    leader_ids = fields.Many2many(related="template_id.leader_ids")
    is_leader = fields.Boolean(compute="_compute_is_leader", search="_search_is_leader")

    _sql_constraints = [
        (
            "template_date_unique",
            "unique(template_id, date)",
            "A template has one shift per day.",
        ),
    ]

    @api.depends("template_id.name", "date")
    @api.depends_context("lang")
    def _compute_name(self):
        """The template's name and the date, in the reader's language and date
        format ("A - mercredi 08:00-11:00 (02/12/2026)"); never stored."""
        for shift in self:
            shift.name = shift_label(self.env, shift.template_id.name, shift.date)

    def _search_name(self, operator, value):
        """A shift matches by its template's name, or by its date typed as
        the reader writes dates."""
        if operator not in ("ilike", "like", "=", "=ilike", "=like"):
            raise NotImplementedError(f"Unsupported operator {operator} on a name")
        domain = [("template_id.name", operator, value)]
        day = self._coop_parse_date(value)
        if day:
            domain = ["|", ("date", "=", day), *domain]
        return domain

    def _coop_parse_date(self, value):
        """``value`` read as a date in ISO or the reader's format, or None."""
        lang = self.env["res.lang"]._get_data(code=self.env.lang or "en_US")
        for pattern in ("%Y-%m-%d", lang.date_format if lang else "%m/%d/%Y"):
            try:
                return datetime.strptime(str(value).strip(), pattern).date()
            except ValueError:
                continue
        return None

    @api.depends(
        "state", "seats_max", "registration_ids.state", "registration_ids.kind"
    )
    def _compute_seats(self):
        counts = self.env["coop.shift.registration"]._coop_seat_counts(self)
        for shift in self:
            taken = sum(counts.get(shift.id, {}).values())
            shift.seats_taken = taken
            shift.seats_available = max(shift.seats_max - taken, 0)
            shift.fill_color = shift._coop_fill_color()

    @api.depends("name", "seats_available")
    @api.depends_context("lang")
    def _compute_calendar_title(self):
        for shift in self:
            shift.calendar_title = self.env._(
                "%(shift)s · %(free)s free seat(s)",
                shift=shift.name,
                free=shift.seats_available,
            )

    def _coop_fill_color(self):
        """Colour index of the calendar card, by state then by free seats."""
        if self.state == "cancelled":
            return 0
        if self.state == "done":
            return 4
        return {0: 1, 1: 2}.get(self.seats_available, 10)

    def _compute_is_leader(self):
        partner = self.env.user.partner_id
        for shift in self:
            shift.is_leader = partner in shift.leader_ids

    def _search_is_leader(self, operator, value):
        positive = (operator == "=") == bool(value)
        domain = [("template_id.leader_ids", "in", self.env.user.partner_id.ids)]
        return domain if positive else ["!", *domain]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        self._coop_check_leader_write(vals)
        return super().write(vals)

    def _coop_check_leader_write(self, vals):
        """Outside the shift office, a leader may only close (``done``) a shift
        they lead within the leader window: closing a future shift would mark
        every member absent."""
        if self.env["coop.shift.registration"]._coop_is_shift_office():
            return
        if set(vals) - {"state"} or vals.get("state") != "done":
            raise AccessError(self.env._("Only the shift office may change a shift."))
        partner = self.env.user.partner_id
        for shift in self:
            if partner not in shift.template_id.leader_ids or not (
                shift._coop_in_leader_window()
            ):
                raise AccessError(
                    self.env._(
                        "Only the shift office may close %(shift)s: a leader closes "
                        "the shifts they lead, on the day.",
                        shift=shift.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_done(self):
        """Close the shift: registrations still planned become absences."""
        self._coop_check_leader_write({"state": "done"})
        self.registration_ids.filtered(lambda r: r.state == "planned").write(
            {"state": "absent"}
        )
        self.write({"state": "done"})
        return True

    def _coop_free_seats(self, qualification=None):
        """Seats left for ``qualification`` (a general seat when empty): the
        template's seat line of that kind, or ``seats_max`` on an ad-hoc shift."""
        self.ensure_one()
        return self._coop_free_seats_map(qualification)[self.id]

    def _coop_free_seats_map(self, qualification=None):
        """``{shift_id: seats left for qualification}`` for many shifts (one
        grouped query, the template seat lines read in batch)."""
        qualification = qualification or self.env["coop.qualification"]
        Registration = self.env["coop.shift.registration"]
        counts = Registration._coop_seat_counts(self)
        free = {}
        for shift in self:
            taken = counts.get(shift.id, {})
            if not shift.template_id:
                free[shift.id] = shift.seats_max - sum(taken.values())
                continue
            seats = sum(
                line.seats
                for line in shift.template_id.seat_line_ids
                if line.qualification_id == qualification
            )
            free[shift.id] = seats - taken.get(qualification.id, 0)
        return free

    def _coop_check_bookable(
        self, partner, qualification=None, exchange=False, ignore=None
    ):
        """The member's booking rule (make-up, flying service, exchange taken):
        ``partner`` is a member, the shift is open and starts later than now,
        they are not on it yet, hold the seat's qualification and have no other
        planned service at that time (``ignore``: a service they give away in
        the same move). A booking (not an ``exchange``, whose seat is the
        offerer's) also needs the shift within the make-up horizon (company
        setting) and a free seat of that kind. Raises a ``UserError`` saying
        which condition fails."""
        self.ensure_one()
        _ = self.env._
        horizon = self.company_id.coop_shift_makeup_horizon_days
        today = fields.Date.context_today(self)
        if not partner.coop_is_member:
            raise UserError(_("Only members of the cooperative book a shift."))
        if self.state != "open" or self.date_begin <= fields.Datetime.now():
            raise UserError(_("This shift has started or is closed."))
        if partner in self.registration_ids.partner_id:
            raise UserError(_("You are already on this shift."))
        if qualification and qualification not in partner.coop_qualification_ids:
            raise UserError(
                _(
                    "This seat needs the qualification %(qualification)s.",
                    qualification=qualification.display_name,
                )
            )
        self._coop_check_overlap(partner, ignore)
        if exchange:
            return
        if self.date > today + timedelta(days=horizon):
            raise UserError(
                _("Shifts are booked %(days)s days ahead at most.", days=horizon)
            )
        if self._coop_free_seats(qualification) <= 0:
            raise UserError(_("No seat is left on this shift."))

    def _coop_check_overlap(self, partner, ignore=None):
        """``partner`` has no other planned service overlapping this shift."""
        overlap = self.env["coop.shift.registration"].search(
            [
                ("partner_id", "=", partner.id),
                ("state", "=", "planned"),
                ("id", "not in", ignore.ids if ignore else []),
                ("shift_id.date_begin", "<", self.date_end),
                ("shift_id.date_end", ">", self.date_begin),
            ],
            limit=1,
        )
        if overlap:
            raise UserError(
                self.env._(
                    "You already have a service at this time: %(shift)s.",
                    shift=overlap.shift_id.display_name,
                )
            )

    def _coop_add_walk_in(self, partner):
        """A volunteer who came without booking: an extra registration, marked
        present. The leader of the shift may add one within the leader window
        (the shift office any time); extras earn no points and take no seat."""
        self.ensure_one()
        office = self.env["coop.shift.registration"]._coop_is_shift_office()
        if not office and (
            self.env.user.partner_id not in self.template_id.leader_ids
            or not self._coop_in_leader_window()
        ):
            raise AccessError(
                self.env._(
                    "Only the leader of %(shift)s, on the day, or the shift office "
                    "adds a walk-in volunteer.",
                    shift=self.display_name,
                )
            )
        if self.state == "cancelled":
            raise UserError(self.env._("This shift is cancelled."))
        if not partner.coop_is_member:
            raise UserError(
                self.env._(
                    "%(member)s is not a member of the cooperative.",
                    member=partner.name,
                )
            )
        if partner in self.registration_ids.partner_id:
            raise UserError(
                self.env._("%(member)s is already on this shift.", member=partner.name)
            )
        # sudo: leaders do not create registrations; this one is bounded to an
        # extra, present, on a shift the caller leads today (checked above)
        registration = (
            self.env["coop.shift.registration"]
            .sudo()
            .create(
                {
                    "shift_id": self.id,
                    "partner_id": partner.id,
                    "kind": "extra",
                    "state": "attended",
                    "marked_uid": self.env.uid,
                }
            )
        )
        return registration.sudo(False)

    @api.model
    def _coop_bookable_for(self, partner, limit=80):
        """Shifts ``partner`` may book now (what the portal offers): open, in
        the future within the make-up horizon, with a free general seat, not
        already theirs; none for a standing member who owes no service."""
        company = self.env.company
        if not partner.coop_is_member or (
            partner.coop_work_mode != "flying" and partner.coop_points_standard >= 0
        ):
            return self.browse()
        today = fields.Date.context_today(self)
        horizon = today + timedelta(days=company.coop_shift_makeup_horizon_days)
        shifts = self.search(
            [
                ("state", "=", "open"),
                ("date_begin", ">", fields.Datetime.now()),
                ("date", "<=", horizon),
                ("registration_ids", "not any", [("partner_id", "=", partner.id)]),
            ],
            order="date_begin",
            limit=limit * 2,
        )
        free = shifts._coop_free_seats_map()
        return shifts.filtered(lambda s: free[s.id] > 0)[:limit]

    def _coop_watchable_for(self, partner, days=14, limit=40):
        """Full shifts ``partner`` may ask to watch (what /my/watch offers):
        open, starting within ``days`` days, not theirs, with no free general
        seat left (a shift with one is booked, not watched)."""
        today = fields.Date.context_today(self)
        shifts = self.search(
            [
                ("state", "=", "open"),
                ("date_begin", ">", fields.Datetime.now()),
                ("date", "<=", today + timedelta(days=days)),
                ("registration_ids", "not any", [("partner_id", "=", partner.id)]),
            ],
            order="date_begin",
        )
        free = shifts._coop_free_seats_map()
        return shifts.filtered(lambda s: free[s.id] <= 0)[:limit]

    def _coop_in_leader_window(self):
        """A leader acts on a shift from its day to ``coop_shift_leader_window_days``
        days later (0: the day itself only), never before it."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        window = self.company_id.coop_shift_leader_window_days
        return self.date <= today <= self.date + timedelta(days=window)

    def _coop_cancel(self):
        """Cancel shifts; their registrations are cancelled (no service owed)."""
        self.registration_ids.filtered(
            lambda r: r.state in ("planned", "excused")
        ).write({"state": "cancelled"})
        self.write({"state": "cancelled"})

    # ------------------------------------------------------------------
    # Generation
    # ------------------------------------------------------------------
    @api.model
    def _cron_coop_generate(self):
        for company in self.env["res.company"].search([]):
            self.with_company(company)._coop_generate()

    @api.model
    def _coop_generate(self, date_from=None, date_to=None, templates=None):
        """Create the missing shifts of the horizon and register standing members.

        Set-based and idempotent: one INSERT ... SELECT over templates x days
        with ``ON CONFLICT (template_id, date) DO NOTHING``, then one INSERT for
        the standing registrations of the new shifts. Days inside a coop
        closure get no shift. Returns the new shifts.
        """
        company = self.env.company
        today = fields.Date.context_today(self)
        date_from = date_from or today + timedelta(days=1)
        date_to = date_to or today + timedelta(days=company.coop_shift_horizon_days)
        self.env.flush_all()
        template_filter = (
            SQL("AND t.id IN %s", tuple(templates.ids)) if templates else SQL()
        )
        self.env.cr.execute(
            SQL(
                """
            INSERT INTO coop_shift (template_id, company_id, date, date_begin,
                date_end, week_letter, seats_max, state,
                create_uid, create_date, write_uid, write_date)
            SELECT t.id, t.company_id, d.day,
                   (d.day + make_interval(secs => t.start_hour * 3600))
                       AT TIME ZONE %(tz)s AT TIME ZONE 'UTC',
                   (d.day + make_interval(secs => t.end_hour * 3600))
                       AT TIME ZONE %(tz)s AT TIME ZONE 'UTC',
                   t.week_letter, t.seats_max, 'open',
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM (SELECT g::date AS day
                      FROM generate_series(%(from)s::date, %(to)s::date,
                                           interval '1 day') g) d
              JOIN coop_shift_template t
                ON t.weekday::int = extract(isodow FROM d.day)::int - 1
               AND t.week_letter = chr(65 + mod(mod((d.day - %(week_a)s::date) / 7,
                                                    %(n)s) + %(n)s, %(n)s))
             WHERE t.active AND t.company_id = %(company)s %(template_filter)s
               AND (t.date_start IS NULL OR t.date_start <= d.day)
               AND (t.date_end IS NULL OR t.date_end >= d.day)
               AND NOT EXISTS (
                   SELECT 1 FROM coop_shift_closure c
                    WHERE c.company_id = t.company_id
                      AND d.day BETWEEN c.date_start AND c.date_end)
            ON CONFLICT (template_id, date) DO NOTHING
            RETURNING id
            """,
                tz=company._coop_shift_tz(),
                uid=self.env.uid,
                week_a=company.coop_shift_week_a_date,
                n=company.coop_shift_cycle_weeks,
                company=company.id,
                template_filter=template_filter,
                to=date_to,
                **{"from": date_from},
            )
        )
        shifts = self.browse([row[0] for row in self.env.cr.fetchall()])
        if shifts:
            self._coop_insert_standing(SQL("s.id = ANY(%s)", shifts.ids))
        return shifts

    @api.model
    def _coop_register_standing(self, template_registrations):
        """Register new standing lines on their template's existing future shifts."""
        if template_registrations:
            self.env.flush_all()
            self._coop_insert_standing(
                SQL(
                    "s.date > %s AND r.id IN %s",
                    fields.Date.context_today(self),
                    tuple(template_registrations.ids),
                )
            )

    @api.model
    def _coop_insert_standing(self, where):
        """One INSERT of standing registrations for the shifts matching ``where``.

        Members frozen or unsubscribed are left out; a member on leave that day
        is registered as excused (no points), linked to the leave. A standing
        registration cancelled earlier (member frozen, then back) is revived.
        """
        self.env.cr.execute(
            SQL(
                """
            INSERT INTO coop_shift_registration (shift_id, partner_id, date,
                company_id, kind, state, qualification_id, leave_id, exchange_state,
                create_uid, create_date, write_uid, write_date)
            SELECT s.id, r.partner_id, s.date, s.company_id, 'standing',
                   CASE WHEN l.id IS NULL THEN 'planned' ELSE 'excused' END,
                   r.qualification_id, l.id, 'none',
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM coop_shift s
              JOIN coop_shift_template_registration r
                ON r.template_id = s.template_id AND r.date_start <= s.date
               AND (r.date_end IS NULL OR r.date_end >= s.date)
              JOIN res_partner p ON p.id = r.partner_id
               AND p.coop_state NOT IN %(away)s
              LEFT JOIN LATERAL (
                   SELECT lv.id FROM coop_shift_leave lv
                    WHERE lv.partner_id = r.partner_id AND lv.state = 'confirmed'
                      AND lv.date_start <= s.date
                      AND (lv.date_end IS NULL OR lv.date_end >= s.date)
                    LIMIT 1) l ON TRUE
             WHERE s.state = 'open' AND %(where)s
            ON CONFLICT (shift_id, partner_id) DO UPDATE
               SET state = EXCLUDED.state, leave_id = EXCLUDED.leave_id
             WHERE coop_shift_registration.state = 'cancelled'
               AND coop_shift_registration.kind = 'standing'
            """,
                uid=self.env.uid,
                away=self.env["res.partner"]._coop_state_groups()["away"],
                where=where,
            )
        )
        self.env["coop.shift.registration"].invalidate_model()
        self.invalidate_model(["registration_ids"])
