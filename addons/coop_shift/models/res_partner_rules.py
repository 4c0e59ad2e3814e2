# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from odoo.addons.coop_membership.models.res_partner import (
    CoopStateInput,
    CoopStateRule,
)

_lt = LazyTranslate(__name__)

# The rule rows and the engine hooks are two concerns of res.partner, kept in
# two files under 400 lines: the classes are not merged on purpose.
# pylint: disable=consider-merging-classes-inherited


class ResPartner(models.Model):
    """The work rows of the membership rule table (sequences 200-899)."""

    _inherit = "res.partner"

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
