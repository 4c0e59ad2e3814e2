# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.coop_membership.models.res_partner import CoopStateRule

# Partner columns read while evaluating the rule table (all addons' rows).
STATE_INPUTS = [
    "coop_state",
    "coop_can_shop",
    "coop_shop_block_reason",
    "coop_share_qty",
    "coop_was_member",
    "coop_welcome_date",
    "coop_household_parent_id",
    "coop_member_number",
    "coop_entry_date",
    "coop_card_ids",
    "coop_household_ids",
]

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
                "_coop_select_shift_holiday",
                False,
                "_coop_reason_shift_holiday",
            ),
            CoopStateRule(250, "exempted", "_coop_select_shift_exempted", True),
            CoopStateRule(300, "delay", "_coop_select_shift_delay", True),
            CoopStateRule(
                400,
                "unsubscribed",
                "_coop_select_shift_unsubscribed",
                False,
                "_coop_reason_shift_unsubscribed",
            ),
            CoopStateRule(
                450,
                "frozen",
                "_coop_select_shift_frozen",
                False,
                "_coop_reason_shift_frozen",
            ),
            CoopStateRule(
                500,
                "suspended",
                "_coop_select_shift_suspended",
                False,
                "_coop_reason_shift_suspended",
            ),
            CoopStateRule(600, "alert", "_coop_select_shift_alert", True),
            CoopStateRule(800, "up_to_date", "_coop_select_shift_up_to_date", True),
        ]

    def _coop_shift_owed(self):
        """Services owed: the negative part of both counters."""
        return -min(self.coop_points_standard, 0) - min(self.coop_points_flying, 0)

    def _coop_shift_facts(self):
        """What the work rows read, for one evaluation of the table.

        Returns ``(members, facts)``: ``members`` is ``_coop_select_member()``
        of the evaluated partners and ``facts`` maps a partner id to
        ``(owed, alert_deadline, unsubscribed, works)``, read in one query. Kept in the
        cursor cache by ``_coop_update_state`` while the table is evaluated, so
        the eight rows share one read (the ORM's per-field access costs seconds
        at 20,000 members); computed on the fly when a selector is called alone.
        """
        memo = self.env.cr.cache.get("coop_shift_facts")
        if memo is None:
            memo = self._coop_shift_read_facts()
        members, facts = memo
        return self.browse([pid for pid in self._ids if pid in members]), facts

    def _coop_shift_read_facts(self):
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                """
            SELECT p.id,
                   - LEAST(p.coop_points_standard, 0) - LEAST(p.coop_points_flying, 0),
                   p.coop_alert_deadline, coalesce(p.coop_shift_unsubscribed, FALSE),
                   p.coop_work_mode = 'flying'
                   OR EXISTS (SELECT 1 FROM coop_shift_template_registration r
                               WHERE r.partner_id = p.id)
                   OR EXISTS (SELECT 1 FROM coop_shift_counter_line c
                               WHERE c.partner_id = p.id)
              FROM res_partner p WHERE p.id = ANY(%s)
            """,
                list(self._ids),
            )
        )
        facts = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        return set(self._coop_select_member()._ids), facts

    def _coop_shift_pick(self, predicate):
        """Members of ``self`` whose facts satisfy ``predicate(owed, deadline,
        unsubscribed, works)``."""
        members, facts = self._coop_shift_facts()
        return members.browse([pid for pid in members._ids if predicate(*facts[pid])])

    @api.model
    def _coop_shift_on_leave_today(self):
        """``{partner_id: may_shop}`` for partners on a confirmed leave today."""
        today = fields.Date.context_today(self)
        groups = (
            self.env["coop.shift.leave"]
            .sudo()
            ._read_group(
                [
                    ("state", "=", "confirmed"),
                    ("date_start", "<=", today),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", today),
                ],
                ["partner_id"],
                ["can_shop:bool_and"],
            )
        )
        return {partner.id: can_shop for partner, can_shop in groups}

    def _coop_select_shift_holiday(self):
        """On a leave today whose type does not allow shopping."""
        leaves = self._coop_shift_on_leave_today()
        members, _facts = self._coop_shift_facts()
        return members.browse(
            [pid for pid in members._ids if pid in leaves and not leaves[pid]]
        )

    def _coop_select_shift_exempted(self):
        """On a leave today whose type allows shopping (age exemption...)."""
        leaves = self._coop_shift_on_leave_today()
        members, _facts = self._coop_shift_facts()
        return members.browse([pid for pid in members._ids if leaves.get(pid)])

    def _coop_select_shift_delay(self):
        """Owes services and a grace extension covers today."""
        owing = self._coop_shift_pick(lambda owed, deadline, unsub, works: owed > 0)
        if not owing:
            return owing
        today = fields.Date.context_today(self)
        extended = (
            self.env["coop.shift.extension"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", owing.ids),
                    ("date_start", "<=", today),
                    ("date_end", ">=", today),
                ],
                ["partner_id"],
            )
        )
        extended_ids = {partner.id for (partner,) in extended}
        return owing.browse([pid for pid in owing._ids if pid in extended_ids])

    def _coop_select_shift_unsubscribed(self):
        """Removed from shifts after consecutive absences, not re-registered."""
        return self._coop_shift_pick(lambda owed, deadline, unsub, works: unsub)

    def _coop_select_shift_frozen(self):
        """Owes at least the freezing threshold, once booked make-ups are
        counted as repaid (booking enough make-ups unfreezes at once)."""
        threshold = self.env.company.coop_shift_freeze_points
        if threshold <= 0:
            return self.browse()
        owing = self._coop_shift_pick(
            lambda owed, deadline, unsub, works: owed >= threshold
        )
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
        _members, facts = self._coop_shift_facts()
        return owing.browse(
            [
                pid
                for pid in owing._ids
                if facts[pid][0] - booked.get(pid, 0) >= threshold
            ]
        )

    def _coop_select_shift_suspended(self):
        """Owes services and the alert deadline is reached."""
        today = fields.Date.context_today(self)
        return self._coop_shift_pick(
            lambda owed, deadline, unsub, works: owed > 0
            and (deadline or today) <= today
        )

    def _coop_select_shift_alert(self):
        """Owes services, the alert deadline is ahead."""
        return self._coop_shift_pick(lambda owed, deadline, unsub, works: owed > 0)

    def _coop_select_shift_up_to_date(self):
        """Any other member who takes part in shifts (flying, or on a template
        once, or with points history). A member not in shifts yet (no team
        chosen) stays ``member`` (row 900, may shop)."""
        return self._coop_shift_pick(lambda owed, deadline, unsub, works: works)

    def _coop_reason_shift_holiday(self):
        return dict.fromkeys(self.ids, self.env._("On leave: shopping paused"))

    def _coop_reason_shift_unsubscribed(self):
        return dict.fromkeys(
            self.ids,
            self.env._("Unsubscribed from shifts: please see the member desk"),
        )

    def _coop_reason_shift_frozen(self):
        return self._coop_reason_owed(
            lambda owed: self.env._("Frozen: %(count)s services to make up", count=owed)
        )

    def _coop_reason_shift_suspended(self):
        return self._coop_reason_owed(
            lambda owed: self.env._(
                "Suspended: %(count)s services to make up", count=owed
            )
        )

    def _coop_reason_owed(self, label):
        """``{partner_id: label(services owed)}``, one label per distinct count."""
        _members, facts = self._coop_shift_facts()
        labels = {}
        for pid in self._ids:
            owed = facts[pid][0]
            if owed not in labels:
                labels[owed] = label(owed)
        return {pid: labels[facts[pid][0]] for pid in self._ids}

    # ------------------------------------------------------------------
    # Engine hooks
    # ------------------------------------------------------------------
    def _coop_update_state(self):
        """Refresh the alert dates the rules read, then run the rule table with
        the work facts read once (see ``_coop_shift_facts``)."""
        # sudo: the engine writes computed, read-only status fields; any user
        # allowed to change an input (attendance, leave...) triggers it.
        partners = self.sudo().exists()
        if not partners:
            return super()._coop_update_state()
        partners._coop_shift_sync_alert_dates()
        # read only the columns the table needs: a plain field access would
        # fetch every stored column of res.partner (a hundred) per 1,000 rows
        partners.fetch([f for f in STATE_INPUTS if f in self._fields])
        cache = self.env.cr.cache
        outer = cache.get("coop_shift_facts")
        cache["coop_shift_facts"] = partners._coop_shift_read_facts()
        try:
            was_away = partners.browse(
                [
                    pid
                    for pid, state in partners._coop_shift_read_states().items()
                    if state in ("frozen", "unsubscribed")
                ]
            )
            changed = super(ResPartner, partners)._coop_update_state()
        finally:
            cache["coop_shift_facts"] = outer
            if outer is None:
                cache.pop("coop_shift_facts")
        changed._coop_shift_after_state_change(was_away)
        return changed

    def _coop_shift_read_states(self):
        self.flush_recordset(["coop_state"])
        self.env.cr.execute(
            "SELECT id, coop_state FROM res_partner WHERE id = ANY(%s)",
            [list(self._ids)],
        )
        return dict(self.env.cr.fetchall())

    def _coop_shift_sync_alert_dates(self):
        """Start the alert clock when a member starts owing, stop it when they
        owe nothing (one query to read, two grouped untracked writes)."""
        self.flush_recordset(
            ["coop_points_standard", "coop_points_flying", "coop_alert_start"]
        )
        self.env.cr.execute(
            """
            SELECT id, owing FROM (
                SELECT id, coop_alert_start,
                       LEAST(coop_points_standard, 0)
                       + LEAST(coop_points_flying, 0) < 0 AS owing
                  FROM res_partner WHERE id = ANY(%s)) p
             WHERE owing = (coop_alert_start IS NULL)
            """,
            [list(self._ids)],
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
                SELECT partner_id FROM coop_shift_leave
                 WHERE state = 'confirmed' AND date_start <= %(today)s
                   AND (date_end IS NULL OR date_end >= %(today)s)
            ), extension_today AS (
                SELECT partner_id FROM coop_shift_extension
                 WHERE date_start <= %(today)s AND date_end >= %(today)s
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
