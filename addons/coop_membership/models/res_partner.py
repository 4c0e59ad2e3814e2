# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from typing import NamedTuple

from odoo import _, api, fields, models
from odoo.tools import SQL


class CoopStateRule(NamedTuple):
    """One row of the membership rule table (see ``_coop_state_rules``).

    ``selector`` and ``reason`` name ``res.partner`` methods. A selector receives
    the partners not matched by an earlier row and returns those the row applies
    to; it must work on the whole recordset at once (grouped queries, no search
    per partner). ``reason`` returns ``{partner_id: text}`` explaining a refusal.
    """

    sequence: int
    state: str
    selector: str
    can_shop: bool
    reason: str | None = None


class ResPartner(models.Model):
    _inherit = "res.partner"

    coop_state = fields.Selection(
        [
            ("not_member", "Not a member"),
            ("candidate", "Candidate"),
            ("member", "Member"),
            ("former", "Former member"),
        ],
        string="Membership state",
        default="not_member",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        help="Kept up to date by the membership rule table; never written by hand.",
    )
    coop_can_shop = fields.Boolean(
        string="May shop", readonly=True, copy=False, index=True
    )
    coop_shop_block_reason = fields.Char(
        string="Why this person may not shop", readonly=True, copy=False
    )
    coop_share_qty = fields.Integer(
        string="Shares held",
        readonly=True,
        copy=False,
        help="Number of shares in the share register (sum of its lines).",
    )
    coop_was_member = fields.Boolean(
        string="Has held shares", readonly=True, copy=False
    )
    coop_welcome_date = fields.Date(string="Welcome session", copy=False)
    coop_state_change_ids = fields.One2many(
        "coop.state.change", "partner_id", string="Status timeline", readonly=True
    )
    coop_qualification_ids = fields.Many2many(
        "coop.qualification",
        "coop_qualification_partner_rel",
        "partner_id",
        "qualification_id",
        string="Qualifications",
    )
    coop_is_member = fields.Boolean(
        string="Is a member",
        compute="_compute_coop_is_member",
        search="_search_coop_is_member",
        help="Holds shares and attended the welcome session, whatever the work "
        "state another addon refines membership into.",
    )

    @api.depends("coop_state")
    def _compute_coop_is_member(self):
        non_member = self._coop_non_member_states()
        for partner in self:
            partner.coop_is_member = partner.coop_state not in non_member

    def _search_coop_is_member(self, operator, value):
        if operator not in ("=", "!="):
            raise NotImplementedError(f"coop_is_member {operator} is not supported")
        positive = bool(value) == (operator == "=")
        return [
            (
                "coop_state",
                "not in" if positive else "in",
                self._coop_non_member_states(),
            )
        ]

    # ------------------------------------------------------------------
    # The rule table
    # ------------------------------------------------------------------
    @api.model
    def _coop_state_rules(self):
        """Return the membership rule table, evaluated in ``sequence`` order.

        The first row whose selector takes a partner decides the partner's state,
        whether they may shop, and why not. A partner no row takes is
        ``not_member`` and may not shop. Other addons add states with
        ``selection_add`` and rows by extending this method (``super()`` then
        append); they never override ``write()``.

        Sequences used: coop_membership 100-199 (leaving) and 900-999 (member),
        coop_shift 200-899 (work states refining ``member``).
        """
        return [
            CoopStateRule(
                100, "former", "_coop_select_former", False, "_coop_reason_former"
            ),
            CoopStateRule(
                150,
                "candidate",
                "_coop_select_candidate",
                False,
                "_coop_reason_candidate",
            ),
            CoopStateRule(900, "member", "_coop_select_member", True),
        ]

    @api.model
    def _coop_non_member_states(self):
        """States of a person who is not a member in their own right.

        Every other state is a member state: ``member`` and the work states other
        addons refine it into (coop_shift's ``up_to_date``, ``suspended``...). So
        code and tests ask "is a member" through ``coop_is_member`` (or this list)
        rather than compare with ``"member"``. An addon adding a state that is not
        membership extends this list (``super()`` then append).
        """
        return ["not_member", "candidate", "former"]

    def _coop_select_former(self):
        """Former member: held shares once, holds none now (all sold back)."""
        return self.filtered(lambda p: p.coop_was_member and p.coop_share_qty <= 0)

    def _coop_select_candidate(self):
        """Candidate: holds shares, has not attended the welcome session yet."""
        return self.filtered(lambda p: p.coop_share_qty > 0 and not p.coop_welcome_date)

    def _coop_select_member(self):
        """Member: holds shares and attended the welcome session."""
        return self.filtered(lambda p: p.coop_share_qty > 0 and p.coop_welcome_date)

    def _coop_reason_former(self):
        return dict.fromkeys(self.ids, _("Former member: all shares were sold back"))

    def _coop_reason_candidate(self):
        return dict.fromkeys(
            self.ids, _("Candidate: the welcome session has not been attended yet")
        )

    @api.model
    def _coop_not_member_reason(self):
        return _("Not a member of the cooperative")

    def _coop_evaluate_states(self):
        """Evaluate the rule table; return ``{id: (state, can_shop, reason)}``."""
        result = {}
        remaining = self
        for rule in sorted(self._coop_state_rules(), key=lambda r: r.sequence):
            if not remaining:
                break
            matched = getattr(remaining, rule.selector)()
            reasons = getattr(matched, rule.reason)() if rule.reason else {}
            for partner in matched:
                reason = False if rule.can_shop else reasons.get(partner.id, False)
                result[partner.id] = (rule.state, rule.can_shop, reason)
            remaining -= matched
        default = ("not_member", False, self._coop_not_member_reason())
        for partner in remaining:
            result[partner.id] = default
        return result

    def _coop_update_state(self):
        """Recompute state, may-shop and reason; write only what changed.

        Writes are grouped by target value (one UPDATE per distinct result) and
        each change is appended to the status timeline.
        """
        partners = self.exists()
        if not partners:
            return self.browse()
        computed = partners._coop_evaluate_states()
        groups = defaultdict(list)
        for partner in partners:
            current = (
                partner.coop_state,
                partner.coop_can_shop,
                partner.coop_shop_block_reason or False,
            )
            if current != computed[partner.id]:
                groups[computed[partner.id]].append(partner)
        changed = self.browse()
        for (state, can_shop, reason), members in groups.items():
            records = self.browse([p.id for p in members])
            records._coop_log_state_change(state, can_shop, reason)
            records._coop_store_state(state, can_shop, reason)
            changed |= records
        return changed

    def _coop_store_state(self, state, can_shop, reason):
        """Store one result of the rule table on these partners in one UPDATE.

        The three fields are the engine's read-only output, never user input, so
        they skip ``write()``: its per-partner commercial-field sync and mail
        tracking cost most of a recompute at 20,000 members. The ORM stays
        consistent: pending values are flushed first, the cache is invalidated
        and fields depending on them are told with ``modified()``.
        """
        fnames = ["coop_state", "coop_can_shop", "coop_shop_block_reason"]
        self.flush_recordset(fnames)
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner
                   SET coop_state = %s, coop_can_shop = %s,
                       coop_shop_block_reason = %s,
                       write_uid = %s, write_date = now() at time zone 'UTC'
                 WHERE id IN %s
                """,
                state,
                can_shop,
                reason or None,
                self.env.uid,
                tuple(self.ids),
            )
        )
        self.invalidate_recordset([*fnames, "write_uid", "write_date"])
        self.modified(fnames)

    def _coop_log_state_change(self, new_state, can_shop, reason):
        """Append one timeline line per partner whose state changes (one query)."""
        movers = self.filtered(lambda p: p.coop_state != new_state)
        if not movers:
            return
        self.flush_recordset(["coop_state"])
        self.env["coop.state.change"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO coop_state_change
                    (partner_id, date, old_state, new_state, can_shop, reason)
                SELECT p.id, now() at time zone 'UTC', p.coop_state, %s, %s, %s
                  FROM res_partner p
                 WHERE p.id IN %s
                """,
                new_state,
                can_shop,
                reason or None,
                tuple(movers.ids),
            )
        )
        self.env["coop.state.change"].invalidate_model()

    # ------------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------------
    def coop_check_can_shop(self):
        """The single answer to "may this person buy now".

        Returns ``{"can_shop": bool, "reason": str}`` for one partner, read from
        the stored values the rule table maintains.
        """
        self.ensure_one()
        return {
            "can_shop": self.coop_can_shop,
            "reason": False if self.coop_can_shop else self.coop_shop_block_reason,
        }

    @api.model
    def _coop_partners_due_today(self):
        """Partners whose state may change today by the calendar alone.

        Addons with date thresholds extend this; the daily cron recomputes only
        these partners, never every member.
        """
        return self.browse()

    @api.model
    def _cron_coop_update_state(self):
        self._coop_partners_due_today()._coop_update_state()
