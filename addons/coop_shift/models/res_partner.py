# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

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

    def _coop_run_state_engine(self):
        """Refresh the alert dates the rules read, run the rule table, then
        release or restore standing seats of members who left or came back
        from an away state (frozen, unsubscribed)."""
        if not self:
            return super()._coop_run_state_engine()
        self._coop_shift_sync_alert_dates()
        was_away = self._coop_shift_away()
        changed = super()._coop_run_state_engine()
        changed._coop_shift_after_state_change(was_away)
        return changed

    def _coop_shift_away(self):
        """The partners of ``self`` now in an away state (one query)."""
        self.flush_recordset(["coop_state"])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM res_partner WHERE id = ANY(%s) AND coop_state IN %s",
                list(self._ids),
                self._coop_state_groups()["away"],
            )
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
