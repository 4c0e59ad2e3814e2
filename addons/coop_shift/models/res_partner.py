# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date, format_datetime
from odoo.tools.translate import LazyTranslate

from odoo.addons.coop_membership.models.res_partner import (
    CoopStateInput,
    CoopStateRule,
)

_lt = LazyTranslate(__name__)


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
    """A member's work: mode, points, standing slots, leaves, extensions and
    the solidarity pool; the work rows of the membership rule table and the
    engine's work hooks."""

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

    coop_solidarity_received = fields.Integer(
        string="Solidarity services received (12 months)",
        compute="_compute_coop_solidarity_received",
        compute_sudo=True,
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

    def _compute_coop_solidarity_received(self):
        Pool = self.env["coop.shift.solidarity"]
        received = Pool._coop_received_since(self, Pool._coop_year_start())
        for partner in self:
            partner.coop_solidarity_received = received.get(partner.id, 0)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_coop_receive_solidarity(self):
        """Give this member the service that has waited longest in the pool."""
        self.ensure_one()
        gift = self.env["coop.shift.solidarity"].search(
            [("state", "=", "available"), ("donor_id", "!=", self.id)],
            order="date, id",
            limit=1,
        )
        if not gift:
            raise UserError(self.env._("The solidarity pool is empty."))
        gift.recipient_id = self
        gift.action_give()
        return True

    def _coop_solidarity_counter(self):
        """The counter a solidarity service repays: standard when the member
        owes standard services, else flying (flying members owe there)."""
        self.ensure_one()
        return "standard" if self.coop_points_standard < 0 else "flying"

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

    def _coop_run_state_engine(self):
        """Refresh the alert dates the rules read, run the rule table, then
        release or restore standing seats of members who left or came back
        from an away state (frozen, unsubscribed)."""
        if not self:
            return super()._coop_run_state_engine()
        was_away = self._coop_shift_sync_alert_dates()
        changed = super()._coop_run_state_engine()
        changed._coop_shift_after_state_change(was_away)
        return changed

    def _coop_shift_sync_alert_dates(self):
        """Start the alert clock when a member starts owing, stop it when they
        owe nothing; return those of these partners now in an away state. One
        query reads both, two grouped untracked writes follow when needed."""
        self.flush_recordset(
            ["coop_points_standard", "coop_points_flying", "coop_alert_start"]
        )
        self.env.cr.execute(
            SQL(
                """
            SELECT id, owing, owing = (coop_alert_start IS NULL), away FROM (
                SELECT p.id, p.coop_alert_start, %(owed)s > 0 AS owing,
                       p.coop_state IN %(away)s AS away
                  FROM res_partner p WHERE p.id = ANY(%(ids)s)) q
             WHERE owing = (coop_alert_start IS NULL) OR away
            """,
                owed=self._coop_shift_owed_sql(),
                away=self._coop_state_groups()["away"],
                ids=list(self._ids),
            )
        )
        rows = self.env.cr.fetchall()
        self._coop_shift_write_alert_dates(
            start=[pid for pid, owing, wrong, _a in rows if wrong and owing],
            stop=[pid for pid, owing, wrong, _a in rows if wrong and not owing],
        )
        return self.browse([pid for pid, _o, _w, away in rows if away])

    def _coop_shift_write_alert_dates(self, start, stop):
        """Start the alert clock of ``start`` today, stop that of ``stop``."""
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
        away = self._coop_state_groups()["away"]
        gone = self.filtered(lambda p: p.coop_state in away)
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
    # The rule table (rows 200-899)
    # ------------------------------------------------------------------
    @api.model
    def _coop_state_rules(self):
        """Add the work states, evaluated in this fixed order (first match wins):

        200 holiday      on a leave whose type may not shop      -> may not shop
        250 exempted     on a leave whose type may shop          -> may shop
        300 delay        owes services, grace extension running  -> may shop
        400 unsubscribed removed from shifts (consecutive absences)
        450 frozen       owes at least the freezing threshold, make-ups
                         already booked counted as repaid
        500 suspended    owes services, alert deadline reached
        600 alert        owes services, deadline not reached      -> may shop
        800 up_to_date   any other member taking part in shifts   -> may shop
        (900 member      a member not in shifts yet: coop_membership's row)

        Leaves come first so that a member on leave is never suspended for
        services falling in the leave (their registrations are excused); the
        extension comes before the sanctions because staff grant it precisely
        to lift them; unsubscription and freezing come before suspension as
        they are its harsher forms. A day counts fully: a leave or extension
        ending on D still applies on D (compared with ``<=``), the state
        changes on D + 1 (picked by ``_coop_partners_due_today``).
        """
        return super()._coop_state_rules() + [
            CoopStateRule(
                200,
                "holiday",
                False,
                _lt("On a leave today whose type does not allow shopping"),
                ResPartner._coop_select_shift_holiday,
                _lt("On leave: shopping paused"),
            ),
            CoopStateRule(
                250,
                "exempted",
                True,
                _lt("On a leave today whose type allows shopping"),
                ResPartner._coop_select_shift_exempted,
            ),
            CoopStateRule(
                300,
                "delay",
                True,
                _lt("Owes services and a grace extension covers today"),
                ResPartner._coop_select_shift_delay,
            ),
            CoopStateRule(
                400,
                "unsubscribed",
                False,
                _lt("Removed from shifts after consecutive absences"),
                ResPartner._coop_select_shift_unsubscribed,
                _lt("Unsubscribed from shifts: please see the member desk"),
            ),
            CoopStateRule(
                450,
                "frozen",
                False,
                _lt(
                    "Owes at least the freezing threshold, booked make-ups "
                    "counted as repaid"
                ),
                ResPartner._coop_select_shift_frozen,
                _lt("Frozen: %(count)s services to make up"),
                ResPartner._coop_reason_owed_params,
            ),
            CoopStateRule(
                500,
                "suspended",
                False,
                _lt("Owes services and the alert deadline is reached"),
                ResPartner._coop_select_shift_suspended,
                _lt("Suspended: %(count)s services to make up"),
                ResPartner._coop_reason_owed_params,
            ),
            CoopStateRule(
                600,
                "alert",
                True,
                _lt("Owes services, the alert deadline is ahead"),
                ResPartner._coop_select_shift_alert,
            ),
            CoopStateRule(
                800,
                "up_to_date",
                True,
                _lt("Any other member taking part in shifts"),
                ResPartner._coop_select_shift_up_to_date,
            ),
        ]

    @api.model
    def _coop_state_inputs(self):
        """The work rows read the points (counter lines), the standing slots
        (ever on a template: takes part in shifts), booked make-ups (freezing),
        leaves, extensions and, on the partner, the work mode, the
        unsubscription flag and the alert deadline. Closures and
        qualifications are read by no row: a closure cancels shifts, which is
        an input through the make-ups it cancels."""
        return super()._coop_state_inputs() + [
            CoopStateInput(
                "res.partner",
                ("coop_work_mode", "coop_shift_unsubscribed", "coop_alert_deadline"),
                "id",
            ),
            CoopStateInput(
                "coop.shift.counter.line",
                ("partner_id", "points", "counter"),
                "partner_id",
            ),
            CoopStateInput(
                "coop.shift.template.registration", ("partner_id",), "partner_id"
            ),
            CoopStateInput(
                "coop.shift.registration",
                ("partner_id", "kind", "state", "date"),
                "partner_id",
                only=lambda registration: registration.kind == "makeup",
            ),
            CoopStateInput(
                "coop.shift.leave",
                ("partner_id", "type_id", "state", "date_start", "date_end"),
                "partner_id",
            ),
            CoopStateInput(
                "coop.shift.extension",
                ("partner_id", "date_start", "date_end"),
                "partner_id",
            ),
        ]

    @api.model
    def _coop_state_groups(self):
        """``away``: members whose standing seats are released (they come back
        to them when they leave the state); ``working``: members taking part in
        shifts, debited a service per cycle when flying."""
        return {
            **super()._coop_state_groups(),
            "away": ("frozen", "unsubscribed"),
            "working": ("up_to_date", "alert", "suspended", "frozen", "delay"),
        }

    @api.model
    def _coop_state_fact_dates(self, since, today):
        """The dated work facts change: ``deadline`` on the alert deadline;
        ``leave_may_shop`` and ``extended`` on the first day of a leave or
        extension and the day after its last; the make-ups booked (freezing)
        the day after a make-up still planned."""
        return {
            **super()._coop_state_fact_dates(since, today),
            "deadline": SQL(
                "SELECT id FROM res_partner WHERE coop_alert_deadline > %(since)s "
                "AND coop_alert_deadline <= %(today)s",
                since=since,
                today=today,
            ),
            "leave_may_shop": SQL(
                """SELECT partner_id FROM coop_shift_leave WHERE state = 'confirmed'
                   AND (date_start > %(since)s AND date_start <= %(today)s
                        OR date_end >= %(since)s AND date_end < %(today)s)""",
                since=since,
                today=today,
            ),
            "extended": SQL(
                """SELECT partner_id FROM coop_shift_extension
                    WHERE date_start > %(since)s AND date_start <= %(today)s
                       OR date_end >= %(since)s AND date_end < %(today)s""",
                since=since,
                today=today,
            ),
            "booked": SQL(
                """SELECT partner_id FROM coop_shift_registration
                    WHERE kind = 'makeup' AND state = 'planned'
                      AND date >= %(since)s AND date < %(today)s""",
                since=since,
                today=today,
            ),
        }

    @api.model
    def _coop_state_fact_columns(self):
        """The work rows read, per partner: services owed (the negative part of
        both counters), the alert deadline, the unsubscription flag, whether
        they take part in shifts (flying, on a template once, or with points
        history), whether a leave covers today and may they shop on it (NULL:
        no leave; FALSE as soon as one covering leave forbids it), and whether
        a grace extension covers today."""
        return {
            **super()._coop_state_fact_columns(),
            "owed": self._coop_shift_owed_sql(),
            "deadline": SQL("p.coop_alert_deadline"),
            "unsubscribed": SQL("coalesce(p.coop_shift_unsubscribed, FALSE)"),
            "works": SQL(
                """p.coop_work_mode = 'flying'
                   OR EXISTS (SELECT 1 FROM coop_shift_template_registration r
                               WHERE r.partner_id = p.id)
                   OR EXISTS (SELECT 1 FROM coop_shift_counter_line c
                               WHERE c.partner_id = p.id)"""
            ),
            # ``IN (subquery)`` is hashed once, not run per partner
            "leave_may_shop": SQL(
                """CASE WHEN p.id IN (SELECT l.partner_id FROM coop_shift_leave l
                                       WHERE %(leave)s AND NOT l.can_shop)
                        THEN FALSE
                        WHEN p.id IN (SELECT l.partner_id FROM coop_shift_leave l
                                       WHERE %(leave)s)
                        THEN TRUE END""",
                leave=self._coop_shift_leave_covers_today(),
            ),
            "extended": SQL(
                """p.id IN (SELECT e.partner_id FROM coop_shift_extension e
                             WHERE %s)""",
                self._coop_shift_extension_covers_today(),
            ),
        }

    @api.model
    def _coop_shift_owed_sql(self):
        """SQL over ``res_partner p``: services owed, the negative part of both
        counters (a surplus on one counter does not repay the other)."""
        return SQL(
            "(- LEAST(p.coop_points_standard, 0) - LEAST(p.coop_points_flying, 0))"
        )

    @api.model
    def _coop_shift_leave_covers_today(self):
        """SQL over ``coop_shift_leave l``: a confirmed leave covering today. A
        leave ending on D still covers D; one without an end never ends."""
        return SQL(
            """l.state = 'confirmed' AND l.date_start <= %(today)s
               AND (l.date_end IS NULL OR l.date_end >= %(today)s)""",
            today=fields.Date.context_today(self),
        )

    @api.model
    def _coop_shift_extension_covers_today(self):
        """SQL over ``coop_shift_extension e``: an extension covering today (its
        last day included)."""
        return SQL(
            "e.date_start <= %(today)s AND e.date_end >= %(today)s",
            today=fields.Date.context_today(self),
        )

    def _coop_shift_pick(self, predicate):
        """Members of ``self`` whose facts satisfy ``predicate(facts)``: the work
        rows refine ``member`` (coop_membership's row 900)."""
        return self._coop_select_member()._coop_pick(predicate)

    def _coop_select_shift_holiday(self):
        """On a leave today whose type does not allow shopping."""
        return self._coop_shift_pick(lambda f: f.leave_may_shop is False)

    def _coop_select_shift_exempted(self):
        """On a leave today whose type allows shopping (age exemption...)."""
        return self._coop_shift_pick(lambda f: f.leave_may_shop)

    def _coop_select_shift_delay(self):
        """Owes services and a grace extension covers today."""
        return self._coop_shift_pick(lambda f: f.owed > 0 and f.extended)

    def _coop_select_shift_unsubscribed(self):
        """Removed from shifts after consecutive absences, not re-registered."""
        return self._coop_shift_pick(lambda f: f.unsubscribed)

    def _coop_select_shift_frozen(self):
        """Owes at least the freezing threshold, once booked make-ups are
        counted as repaid (booking enough make-ups unfreezes at once)."""
        threshold = self.env.company.coop_shift_freeze_points
        if threshold <= 0:
            return self.browse()
        owing = self._coop_shift_pick(lambda f: f.owed >= threshold)
        if not owing:
            return owing
        booked = dict(
            self.env["coop.shift.registration"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", owing.ids),
                    ("kind", "=", "makeup"),
                    ("state", "=", "planned"),
                    ("date", ">=", fields.Date.context_today(self)),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        booked = {partner.id: count for partner, count in booked.items()}
        return owing._coop_pick(lambda f: f.owed - booked.get(f.id, 0) >= threshold)

    def _coop_select_shift_suspended(self):
        """Owes services and the alert deadline is reached."""
        today = fields.Date.context_today(self)
        return self._coop_shift_pick(
            lambda f: f.owed > 0 and (f.deadline or today) <= today
        )

    def _coop_select_shift_alert(self):
        """Owes services, the alert deadline is ahead."""
        return self._coop_shift_pick(lambda f: f.owed > 0)

    def _coop_select_shift_up_to_date(self):
        """Any other member who takes part in shifts (flying, or on a template
        once, or with points history). A member not in shifts yet (no team
        chosen) stays ``member`` (row 900, may shop)."""
        return self._coop_shift_pick(lambda f: f.works)

    def _coop_reason_owed_params(self):
        """``{partner_id: {"count": services owed}}`` for the reason text."""
        facts = self._coop_facts()
        return {pid: {"count": facts[pid].owed} for pid in self._ids}

    # ------------------------------------------------------------------
    # Automatic unsubscription
    # ------------------------------------------------------------------
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
