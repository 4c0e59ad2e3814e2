# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, format_date, format_datetime

from .coop_shift import shift_label
from .coop_shift_template import template_label

WORK_STATES = [
    ("up_to_date", "Up to date"),
    ("alert", "Alert"),
    ("delay", "Grace extension"),
    ("suspended", "Suspended"),
    ("frozen", "Frozen"),
    ("exempted", "Exempted"),
    ("holiday", "On leave"),
    ("unsubscribed", "Unsubscribed"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    coop_state = fields.Selection(
        selection_add=[("member",), *WORK_STATES],
        ondelete={key: "set default" for key, _label in WORK_STATES},
    )
    coop_work_mode = fields.Selection(
        [("standing", "Standing (ABCD)"), ("flying", "Flying")],
        string="Work mode",
        default="standing",
        required=True,
        help="Standing: a fixed slot every cycle. Flying: books any shift, "
        "debited one service per cycle.",
    )
    coop_points_standard = fields.Integer(
        string="Standard points",
        compute="_compute_coop_points",
        store=True,
        help="Sum of the standard counter: negative = services to make up.",
    )
    coop_points_flying = fields.Integer(
        string="Flying points", compute="_compute_coop_points", store=True
    )
    coop_counter_line_ids = fields.One2many(
        "coop.shift.counter.line", "partner_id", string="Points history"
    )
    coop_shift_registration_ids = fields.One2many(
        "coop.shift.registration", "partner_id", string="Shift registrations"
    )
    coop_template_registration_ids = fields.One2many(
        "coop.shift.template.registration", "partner_id", string="Standing slots"
    )
    coop_leave_ids = fields.One2many("coop.shift.leave", "partner_id", string="Leaves")
    coop_extension_ids = fields.One2many(
        "coop.shift.extension", "partner_id", string="Extensions"
    )
    coop_alert_start = fields.Date(string="In alert since", readonly=True, copy=False)
    coop_alert_deadline = fields.Date(
        string="Suspended from", readonly=True, copy=False, index="btree_not_null"
    )
    coop_shift_unsubscribed = fields.Boolean(
        string="Unsubscribed from shifts",
        readonly=True,
        copy=False,
        help="Set after consecutive absences; cleared when registered on a "
        "template again.",
    )

    @api.depends("coop_counter_line_ids.points", "coop_counter_line_ids.counter")
    def _compute_coop_points(self):
        groups = self.env["coop.shift.counter.line"]._read_group(
            [("partner_id", "in", self.ids)],
            ["partner_id", "counter"],
            ["points:sum"],
        )
        sums = {(partner.id, counter): points for partner, counter, points in groups}
        for partner in self:
            partner.coop_points_standard = sums.get((partner.id, "standard"), 0)
            partner.coop_points_flying = sums.get((partner.id, "flying"), 0)

    def _coop_shift_refresh_points(self):
        """Recompute balances after ledger lines were inserted in SQL."""
        for fname in ("coop_points_standard", "coop_points_flying"):
            self.env.add_to_compute(self._fields[fname], self)

    # ------------------------------------------------------------------
    # Engine hooks
    # ------------------------------------------------------------------
    @api.model
    def _coop_engine_output_fields(self):
        """The points are the sum of the counter, never typed."""
        return super()._coop_engine_output_fields() + [
            "coop_points_standard",
            "coop_points_flying",
        ]

    @api.model
    def _coop_input_field_groups(self):
        """Work inputs on the partner are changed by the shift staff (the
        alert clock is kept by the engine; staff may correct it)."""
        staff = "coop_shift.group_coop_shift_staff"
        return {
            **super()._coop_input_field_groups(),
            "coop_work_mode": staff,
            "coop_shift_unsubscribed": staff,
            "coop_alert_start": staff,
            "coop_alert_deadline": staff,
        }

    def _coop_update_state(self):
        """Refresh the alert dates the rules read, run the rule table, then
        release or restore standing seats of members who left or came back
        from frozen or unsubscribed."""
        # sudo: the engine writes computed, read-only status fields; any user
        # allowed to change an input (attendance, leave...) triggers it.
        if not self:
            return super()._coop_update_state()
        partners = self.sudo()
        partners._coop_shift_sync_alert_dates()
        was_away = partners._coop_shift_away()
        changed = super(ResPartner, partners)._coop_update_state()
        changed._coop_shift_after_state_change(was_away)
        return changed

    def _coop_shift_away(self):
        """The partners of ``self`` now frozen or unsubscribed (one query)."""
        self.flush_recordset(["coop_state"])
        self.env.cr.execute(
            """SELECT id FROM res_partner WHERE id = ANY(%s)
                AND coop_state IN ('frozen', 'unsubscribed')""",
            [list(self._ids)],
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    def _coop_shift_sync_alert_dates(self):
        """Start the alert clock when a member starts owing, stop it when they
        owe nothing (one query to read, two grouped untracked writes)."""
        self.flush_recordset(
            ["coop_points_standard", "coop_points_flying", "coop_alert_start"]
        )
        self.env.cr.execute(
            SQL(
                """
            SELECT id, owing FROM (
                SELECT p.id, p.coop_alert_start, %s > 0 AS owing
                  FROM res_partner p WHERE p.id = ANY(%s)) q
             WHERE owing = (coop_alert_start IS NULL)
            """,
                self._coop_shift_owed_sql(),
                list(self._ids),
            )
        )
        rows = self.env.cr.fetchall()
        start = [pid for pid, owing in rows if owing]
        stop = [pid for pid, owing in rows if not owing]
        untracked = self.with_context(tracking_disable=True)
        today = fields.Date.context_today(self)
        if start:
            days = self.env.company.coop_shift_alert_days
            untracked.browse(start).write(
                {
                    "coop_alert_start": today,
                    "coop_alert_deadline": today + timedelta(days=days),
                }
            )
        if stop:
            untracked.browse(stop).write(
                {"coop_alert_start": False, "coop_alert_deadline": False}
            )

    def _coop_shift_after_state_change(self, was_away):
        """Release the standing seats of newly frozen or unsubscribed members;
        register members coming back (``was_away``) on their template's future
        shifts."""
        today = fields.Date.context_today(self)
        gone = self.filtered(lambda p: p.coop_state in ("frozen", "unsubscribed"))
        if gone:
            self.env["coop.shift.registration"].search(
                [
                    ("partner_id", "in", gone.ids),
                    ("kind", "=", "standing"),
                    ("state", "=", "planned"),
                    ("date", ">", today),
                ]
            ).write({"state": "cancelled"})
        back = (self & was_away) - gone
        back_lines = (
            self.env["coop.shift.template.registration"].search(
                [
                    ("partner_id", "in", back.ids),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">", today),
                ]
            )
            if back
            else back
        )
        if back_lines:
            self.env["coop.shift"]._coop_register_standing(back_lines)

    # ------------------------------------------------------------------
    # Daily job and automatic unsubscription
    # ------------------------------------------------------------------
    @api.model
    def _coop_partners_due_today(self):
        """Add members whose stored state disagrees with today's calendar: an
        alert deadline reached, a leave or extension starting or ended. Written
        as disagreements rather than "starts today" so that a missed cron day is
        caught up the next day; one query, indexed, never every member."""
        partners = super()._coop_partners_due_today()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
            WITH leave_today AS (
                SELECT l.partner_id FROM coop_shift_leave l WHERE %(leave)s
            ), extension_today AS (
                SELECT e.partner_id FROM coop_shift_extension e WHERE %(extension)s
            )
            SELECT id FROM res_partner
             WHERE coop_state = 'alert' AND coop_alert_deadline <= %(today)s
            UNION
            SELECT p.id FROM res_partner p
             WHERE p.coop_state IN ('holiday', 'exempted')
               AND p.id NOT IN (SELECT partner_id FROM leave_today)
            UNION
            SELECT p.id FROM leave_today l JOIN res_partner p ON p.id = l.partner_id
             WHERE p.coop_state IN %(working)s
            UNION
            SELECT p.id FROM res_partner p
             WHERE p.coop_state = 'delay'
               AND p.id NOT IN (SELECT partner_id FROM extension_today)
            UNION
            SELECT p.id FROM extension_today e JOIN res_partner p ON p.id = e.partner_id
             WHERE p.coop_state IN ('alert', 'suspended', 'frozen')
            """,
                today=fields.Date.context_today(self),
                leave=self._coop_shift_leave_covers_today(),
                extension=self._coop_shift_extension_covers_today(),
                working=("up_to_date", "alert", "suspended", "frozen", "delay"),
            )
        )
        return partners | self.browse([row[0] for row in self.env.cr.fetchall()])

    def _coop_check_unsubscribe(self):
        """Unsubscribe members whose last N standing services were all missed.

        N is the company setting (0 disables). Only services that happened count
        (attended, absent, excused by staff); services excused by a leave,
        cancelled or exchanged are skipped, and a make-up attended after the
        first of those absences breaks the series.
        """
        limit = self.env.company.coop_shift_unsubscribe_absences
        if limit <= 0 or not self:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
            WITH last AS (
                SELECT partner_id, state, date,
                       row_number() OVER (PARTITION BY partner_id
                                          ORDER BY date DESC, id DESC) AS rank
                  FROM coop_shift_registration
                 WHERE partner_id IN %(partners)s AND kind = 'standing'
                   AND state IN ('attended', 'absent', 'excused')
                   AND leave_id IS NULL
            )
            SELECT l.partner_id FROM last l
             WHERE l.rank <= %(limit)s
             GROUP BY l.partner_id
            HAVING count(*) = %(limit)s AND bool_and(l.state = 'absent')
               AND NOT EXISTS (
                   SELECT 1 FROM coop_shift_registration m
                    WHERE m.partner_id = l.partner_id AND m.kind = 'makeup'
                      AND m.state = 'attended' AND m.date >= min(l.date))
            """,
                partners=tuple(self.ids),
                limit=limit,
            )
        )
        partners = self.browse([row[0] for row in self.env.cr.fetchall()])
        partners = partners.filtered(lambda p: not p.coop_shift_unsubscribed)
        if not partners:
            return
        partners.with_context(tracking_disable=True).write(
            {"coop_shift_unsubscribed": True}
        )
        partners.coop_template_registration_ids.action_end()
        partners._coop_update_state()

    # ------------------------------------------------------------------
    # Portal self-service hooks (issue #18, helper "portal"): coop_membership's
    # hooks extended with the shifts (kept as one block at the end of the file)
    # ------------------------------------------------------------------
    def _coop_next_steps(self):
        """The next step of a work state, in plain words: what is owed and by
        when, when a leave or extension ends, the next service."""
        steps = super()._coop_next_steps()
        today = fields.Date.context_today(self)
        owed = -min(self.coop_points_standard, 0) - min(self.coop_points_flying, 0)
        booked = self.env["coop.shift.registration"].search_count(
            [
                ("partner_id", "=", self.id),
                ("kind", "=", "makeup"),
                ("state", "=", "planned"),
                ("date", ">=", today),
            ]
        )
        _ = self.env._
        state = self.coop_state
        if state in ("holiday", "exempted"):
            steps.append(self._coop_shift_leave_step(today))
        elif state == "delay":
            ext = self.coop_extension_ids.filtered(
                lambda e: e.date_start <= today <= e.date_end
            ).sorted("date_end")[-1:]
            steps.append(
                _(
                    "You owe %(count)s services; your grace extension ends on "
                    "%(date)s: book a make-up before then.",
                    count=owed,
                    date=format_date(self.env, ext.date_end) if ext else "?",
                )
            )
        elif state == "unsubscribed":
            steps.append(
                _("Come to the member desk to choose a new team and come back.")
            )
        elif owed > 0:
            steps.append(self._coop_shift_owed_step(owed, booked))
        if state == "member" and not owed:
            steps.append(
                _("Choose a team (or flying work) with the member desk to start.")
            )
        steps.extend(self._coop_shift_next_service_step(today))
        return steps

    def _coop_shift_owed_step(self, owed, booked):
        """The step of a member owing services: book make-ups, by when."""
        _ = self.env._
        if booked >= owed:
            return _(
                "You owe %(count)s services and have booked %(booked)s make-ups: "
                "attend them to be up to date.",
                count=owed,
                booked=booked,
            )
        if self.coop_state == "alert" and self.coop_alert_deadline:
            return _(
                "You owe %(count)s services before %(date)s: book a make-up.",
                count=owed - booked,
                date=format_date(self.env, self.coop_alert_deadline),
            )
        return _(
            "You owe %(count)s services: book a make-up to shop again.",
            count=owed - booked,
        )

    def _coop_shift_leave_step(self, today):
        """When the leave covering today ends."""
        leave = self.coop_leave_ids.filtered(
            lambda lv: (
                lv.state == "confirmed"
                and lv.date_start <= today
                and (not lv.date_end or lv.date_end >= today)
            )
        )
        ends = [lv.date_end for lv in leave]
        if not leave or not all(ends):
            return self.env._("Your leave has no end date yet.")
        return self.env._(
            "Your leave ends on %(date)s.", date=format_date(self.env, max(ends))
        )

    def _coop_shift_next_service_step(self, today):
        """The next planned service, if any."""
        nxt = self.env["coop.shift.registration"].search(
            [
                ("partner_id", "=", self.id),
                ("state", "=", "planned"),
                ("date", ">=", today),
            ],
            order="date, id",
            limit=1,
        )
        if not nxt:
            return []
        tz = self.env.company._coop_shift_tz()
        return [
            self.env._(
                "Your next service: %(when)s.",
                when=format_datetime(
                    self.env, nxt.shift_id.date_begin, tz=tz, dt_format="medium"
                ),
            )
        ]

    def _coop_personal_data(self):
        """Add the work mode, points ledger, shifts, leaves and extensions."""
        data = super()._coop_personal_data()
        env = self.env
        Registration = env["coop.shift.registration"]
        kinds = dict(Registration._fields["kind"]._description_selection(env))
        states = dict(Registration._fields["state"]._description_selection(env))
        modes = dict(self._fields["coop_work_mode"]._description_selection(env))
        data["identity"][0].update(
            {
                "work_mode": modes.get(self.coop_work_mode, ""),
                "points_standard": self.coop_points_standard,
                "points_flying": self.coop_points_flying,
            }
        )
        data["shifts"] = [
            {
                "date": str(reg.date),
                "shift": reg.shift_id.name,
                "kind": kinds.get(reg.kind, reg.kind),
                "state": states.get(reg.state, reg.state),
            }
            for reg in Registration.search([("partner_id", "=", self.id)])
        ]
        data["points"] = [
            {
                "date": str(line.date),
                "counter": line.counter,
                "points": line.points,
                "reason": line.label or line.reason,
            }
            for line in env["coop.shift.counter.line"].search(
                [("partner_id", "=", self.id)], order="date, id"
            )
        ]
        data["leaves"] = [
            {
                "type": leave.type_id.name,
                "date_start": str(leave.date_start),
                "date_end": str(leave.date_end or ""),
                "state": leave.state,
            }
            for leave in self.coop_leave_ids
        ]
        return data

    def _coop_calendar_events(self, date_from, date_to):
        """Add the member's planned services."""
        events = super()._coop_calendar_events(date_from, date_to)
        events.extend(self._coop_shift_events(date_from, date_to))
        return events

    def _coop_shift_events(self, date_from, date_to):
        """The member's planned services as calendar events, read in one
        query (the feed is a hot path, bench/bench_portal.py); names built
        as the ORM builds them (``shift_label``, ``template_label``)."""
        events = []
        Registration = self.env["coop.shift.registration"]
        Template = self.env["coop.shift.template"]
        Registration.flush_model(["partner_id", "state", "shift_id", "kind"])
        self.env["coop.shift"].flush_model(
            ["date_begin", "date_end", "date", "template_id"]
        )
        Template.flush_model(["week_letter", "weekday", "start_hour", "end_hour"])
        rows = self.env.execute_query(
            SQL(
                """SELECT r.id, r.kind, s.date_begin, s.date_end, s.date,
                          t.id, t.week_letter, t.weekday, t.start_hour, t.end_hour
                     FROM coop_shift_registration r
                     JOIN coop_shift s ON s.id = r.shift_id
                LEFT JOIN coop_shift_template t ON t.id = s.template_id
                    WHERE r.partner_id = %s AND r.state = 'planned'
                      AND s.date_begin >= %s AND s.date_begin < %s
                 ORDER BY s.date_begin, r.id""",
                self.id,
                date_from,
                date_to,
            )
        )
        kinds = dict(Registration._fields["kind"]._description_selection(self.env))
        days = dict(Template._fields["weekday"]._description_selection(self.env))
        for reg_id, kind, begin, end, day, template_id, *slot in rows:
            name = shift_label(
                self.env, template_id and template_label(days, *slot), day
            )
            events.append(
                {
                    "uid": f"coop-shift-registration-{reg_id}",
                    "start": begin,
                    "end": end,
                    "summary": self.env._("Coop service: %(shift)s", shift=name),
                    "location": self.env.company.name,
                    "description": kinds.get(kind, kind),
                }
            )
        return events
