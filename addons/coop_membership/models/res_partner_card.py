# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.barcode import get_barcode_check_digit

MEMBER_RULE = "barcode_rule_coop_member"
HOUSEHOLD_RULE = "barcode_rule_coop_household"


# One file per concern keeps each under 400 lines (res.partner gathers members,
# cards, shares and the till): the classes are not merged on purpose.
# pylint: disable=consider-merging-classes-inherited


class ResPartner(models.Model):
    """Member numbers and member cards, given in batch.

    An import or a state update may number thousands of partners at once: the
    numbers are drawn from their sequence in one query and the cards written in
    one ``UPDATE``; the unique indexes on ``coop_member_number`` and
    ``coop_card_barcode`` guarantee that nothing is given twice.
    """

    _inherit = "res.partner"

    def _coop_assign_number_and_card(self):
        """Give a number (and an entry date) to those who hold shares and have
        none, and a card to every numbered member or household member without
        one. Numbers come from a sequence and are never given twice."""
        to_number, to_card = self._coop_missing_number_or_card()
        if to_number:
            numbers = self._coop_sequence_numbers("coop.member.number", len(to_number))
            to_number._coop_write_numbers(numbers)
        to_card._coop_new_card()

    def _coop_missing_number_or_card(self):
        """``(to_number, to_card)`` among these partners, in one query (the
        state engine calls this on every partner it evaluates): those holding
        shares in their own name without a number, then those without a card
        who have a number (or get one now) or are household members."""
        self.flush_recordset(
            [
                "coop_share_qty",
                "coop_member_number",
                "coop_household_parent_id",
                "coop_card_barcode",
            ]
        )
        self.env.cr.execute(
            SQL(
                """SELECT id, to_number, to_card FROM (
                       SELECT id, to_number,
                              coop_card_barcode IS NULL
                              AND (to_number OR coop_member_number IS NOT NULL
                                   OR coop_household_parent_id IS NOT NULL) AS to_card
                         FROM (SELECT id, coop_card_barcode, coop_member_number,
                                      coop_household_parent_id,
                                      coop_share_qty > 0
                                      AND coop_member_number IS NULL
                                      AND coop_household_parent_id IS NULL AS to_number
                                 FROM res_partner WHERE id = ANY(%s)) p) q
                    WHERE to_number OR to_card""",
                list(self._ids),
            )
        )
        rows = self.env.cr.fetchall()
        to_number = self.browse([pid for pid, number, _card in rows if number])
        to_card = self.browse([pid for pid, _number, card in rows if card])
        return to_number, to_card

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if any(vals.get("coop_member_number") for vals in vals_list):
            self._coop_move_number_sequence()
        return partners

    def write(self, vals):
        res = super().write(vals)
        if vals.get("coop_member_number"):
            self._coop_move_number_sequence()
        return res

    @api.model
    def _coop_move_number_sequence(self):
        """Move the member-number sequence past the highest number in use, so
        that numbers given by hand or by an import are never drawn again (one
        query and, when needed, one sequence update)."""
        self.flush_model(["coop_member_number"])
        self.env.cr.execute("SELECT max(coop_member_number) FROM res_partner")
        highest = self.env.cr.fetchone()[0] or 0
        sequence = self._coop_sequence("coop.member.number")
        if sequence and sequence.number_next_actual <= highest:
            sequence.number_next = highest + sequence.number_increment

    def _coop_write_numbers(self, numbers):
        """Write ``numbers`` (one per partner, in order) and the entry date of
        those without one, in one statement."""
        self.flush_recordset(["coop_member_number", "coop_entry_date"])
        self.env.cr.execute(
            SQL(
                """UPDATE res_partner p
                      SET coop_member_number = v.number,
                          coop_entry_date = COALESCE(p.coop_entry_date, %s),
                          write_date = now() at time zone 'UTC',
                          write_uid = %s
                     FROM unnest(%s::int[], %s::int[]) AS v(id, number)
                    WHERE p.id = v.id""",
                fields.Date.context_today(self),
                self.env.uid,
                self.ids,
                numbers,
            )
        )
        self._coop_after_sql_write(["coop_member_number", "coop_entry_date"])

    def _coop_new_card(self, replacement=False):
        """Print a new card: an EAN-13 from a coop barcode rule's prefix and the
        member number; household members and replacement cards take a number
        from the additional-card sequence (their own rule)."""
        if not self:
            return
        own = self.filtered(
            lambda p: (
                p.coop_member_number
                and not p.coop_household_parent_id
                and not replacement
            )
        )
        others = self - own
        numbers = self._coop_sequence_numbers("coop.household.card", len(others))
        member_prefix = self._coop_card_prefix(MEMBER_RULE)
        household_prefix = self._coop_card_prefix(HOUSEHOLD_RULE)
        cards = [
            self._coop_card_ean13(MEMBER_RULE, p.coop_member_number, member_prefix)
            for p in own
        ]
        cards += [
            self._coop_card_ean13(HOUSEHOLD_RULE, n, household_prefix) for n in numbers
        ]
        partners = own + others
        partners.flush_recordset(["coop_card_barcode", "coop_badge_to_print"])
        # the unique index on coop_card_barcode refuses a card given twice
        self.env.cr.execute(
            SQL(
                """UPDATE res_partner p
                      SET coop_card_barcode = v.card,
                          coop_badge_to_print = TRUE,
                          write_date = now() at time zone 'UTC',
                          write_uid = %s
                     FROM unnest(%s::int[], %s::varchar[]) AS v(id, card)
                    WHERE p.id = v.id""",
                self.env.uid,
                partners.ids,
                cards,
            )
        )
        partners._coop_after_sql_write(["coop_card_barcode", "coop_badge_to_print"])
        partners._coop_sync_core_barcode()

    def _coop_after_sql_write(self, fnames):
        """Drop the cached values of ``fnames`` and recompute what depends on
        them, after they were written in SQL."""
        self.invalidate_recordset([*fnames, "write_date", "write_uid"])
        self.modified(fnames)

    @api.model
    def _coop_sequence_numbers(self, code, count):
        """Draw ``count`` numbers from the sequence ``code`` in one query.

        Only reads and advances the sequence (hence ``sudo``); numbered
        sequences of the coop have no prefix, suffix or date range.
        """
        if not count:
            return []
        sequence = self._coop_sequence(code)
        if not sequence:
            raise UserError(_("The sequence %(code)s is missing.", code=code))
        if sequence.use_date_range or sequence.prefix or sequence.suffix:
            return [int(sequence._next()) for _i in range(count)]
        if sequence.implementation == "standard":
            self.env.cr.execute(
                SQL(
                    "SELECT nextval(%s) FROM generate_series(1, %s) ORDER BY 1",
                    f"ir_sequence_{sequence.id:03d}",
                    count,
                )
            )
            return [row[0] for row in self.env.cr.fetchall()]
        sequence.flush_recordset(["number_next"])
        step = sequence.number_increment
        self.env.cr.execute(
            SQL(
                """UPDATE ir_sequence SET number_next = number_next + %s
                    WHERE id = %s RETURNING number_next - %s""",
                step * count,
                sequence.id,
                step * count,
            )
        )
        first = self.env.cr.fetchone()[0]
        sequence.invalidate_recordset(["number_next"])
        return [first + step * i for i in range(count)]

    @api.model
    def _coop_sequence(self, code):
        """The coop numbering sequence ``code`` of the current company (or
        shared), as superuser: callers only read and advance it."""
        return (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", code),
                    ("company_id", "in", [self.env.company.id, False]),
                ],
                order="company_id",
                limit=1,
            )
        )

    def _coop_sync_core_barcode(self):
        """Copy the card into the company-dependent ``barcode`` (current company)
        so core POS partner search finds it too.

        One SQL statement: an ORM write of ``barcode`` runs base's uniqueness
        search on the jsonb column, which no index serves (about 15 ms per
        partner at 20,000 members, paid on every import). The card is already
        unique through ``coop_card_barcode``'s unique index.
        """
        if not self:
            return
        self.flush_recordset(["coop_card_barcode"])
        company_key = str(self.env.company.id)
        self.env.cr.execute(
            SQL(
                """UPDATE res_partner
                      SET barcode = CASE
                          WHEN coop_card_barcode IS NULL THEN barcode - %s
                          ELSE COALESCE(barcode, '{}'::jsonb)
                               || jsonb_build_object(%s, coop_card_barcode)
                          END
                    WHERE id IN %s""",
                company_key,
                company_key,
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["barcode"])

    @api.model
    def _coop_card_prefix(self, rule_xmlid):
        """The digit prefix of a coop barcode rule (``28`` by default)."""
        rule = self.env.ref(f"coop_membership.{rule_xmlid}", raise_if_not_found=False)
        return re.match(r"\d*", rule.pattern if rule else "").group() or "28"

    @api.model
    def _coop_card_ean13(self, rule_xmlid, number, prefix=None):
        """EAN-13 made of the rule's digit prefix, the zero-padded number and
        the check digit."""
        prefix = prefix or self._coop_card_prefix(rule_xmlid)
        body = prefix + str(number).zfill(12 - len(prefix))
        if len(body) != 12:
            raise UserError(
                _("The number %(number)s does not fit in a member card.", number=number)
            )
        return body + str(get_barcode_check_digit(body + "0"))
