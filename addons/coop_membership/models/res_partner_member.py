# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.barcode import check_barcode_encoding

from .res_partner import CoopStateRule, _lt

HOUSEHOLD_MAX_PARAM = "coop_membership.household_max"
NOT_HOLDING_STATES = ("not_member", "former", "household")


# One file per concern keeps each under 400 lines (res.partner gathers members,
# cards, shares and the till): the classes are not merged on purpose.
# pylint: disable=consider-merging-classes-inherited


class ResPartner(models.Model):
    _inherit = "res.partner"

    coop_state = fields.Selection(
        selection_add=[("household", "Household member")],
        ondelete={"household": "set default"},
    )
    coop_member_number = fields.Integer(
        string="Member number",
        readonly=True,
        copy=False,
        aggregator=None,
        help="Given once, from a sequence, when the person first holds shares; "
        "never reused.",
    )
    coop_card_barcode = fields.Char(
        string="Member card",
        copy=False,
        help="EAN-13 printed on the member card and scanned at the till "
        "(indexed by its unique constraint).",
    )
    coop_entry_date = fields.Date(string="Date of entry", copy=False)
    coop_working_group_ids = fields.Many2many(
        "coop.working.group",
        "coop_working_group_partner_rel",
        "partner_id",
        "group_id",
        string="Working groups",
    )
    coop_household_parent_id = fields.Many2one(
        "res.partner",
        string="Household of",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        domain="[('coop_member_number', '!=', False), ('id', '!=', id)]",
        help="Binôme / rattaché: may shop while this member may.",
    )
    coop_household_ids = fields.One2many(
        "res.partner", "coop_household_parent_id", string="Household members"
    )
    coop_badge_to_print = fields.Boolean(string="Badge to print", copy=False)
    coop_badge_print_date = fields.Date(string="Badge printed on", copy=False)

    _sql_constraints = [
        (
            "coop_member_number_uniq",
            "unique(coop_member_number)",
            "This member number is already used.",
        ),
        (
            "coop_card_barcode_uniq",
            "unique(coop_card_barcode)",
            "This member card is already given to someone else.",
        ),
    ]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("coop_card_barcode")
    def _check_coop_card_barcode(self):
        """A member card is a valid EAN-13 (13 digits, right check digit)."""
        for partner in self.filtered("coop_card_barcode"):
            if not check_barcode_encoding(partner.coop_card_barcode, "ean13"):
                raise ValidationError(
                    _(
                        "The member card %(card)s is not a valid EAN-13 barcode.",
                        card=partner.coop_card_barcode,
                    )
                )

    @api.constrains("coop_household_parent_id")
    def _check_coop_household(self):
        """A household member is attached to a current member who holds shares,
        is not a household member themself, and has at most the configured
        number of household members."""
        maximum = self._coop_household_max()
        for partner in self.filtered("coop_household_parent_id"):
            parent = partner.coop_household_parent_id
            if parent == partner or parent.coop_household_parent_id:
                raise ValidationError(
                    _("A household member must be attached to a member.")
                )
            if partner.coop_household_ids or partner.coop_share_qty > 0:
                raise ValidationError(
                    _(
                        "%(name)s holds shares or has a household: they cannot be "
                        "a household member.",
                        name=partner.display_name,
                    )
                )
            if parent.coop_state in NOT_HOLDING_STATES:
                raise ValidationError(
                    _(
                        "%(name)s is not a member: nobody can be attached to them.",
                        name=parent.display_name,
                    )
                )
            if len(parent.coop_household_ids) > maximum:
                raise ValidationError(
                    _(
                        "%(name)s already has the maximum of %(max)s household "
                        "member(s).",
                        name=parent.display_name,
                        max=maximum,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        """A new card is copied to the core ``barcode``."""
        res = super().write(vals)
        if "coop_card_barcode" in vals:
            self._coop_sync_core_barcode()
        return res

    # ------------------------------------------------------------------
    # Rule table: household rows
    # ------------------------------------------------------------------
    @api.model
    def _coop_state_rules(self):
        """Add the household rows, evaluated before every other row.

        A household member (binôme / rattaché) may shop exactly while the member
        they are attached to may: two rows (may / may not) read the parent's
        stored ``coop_can_shop``; ``_coop_run_state_engine`` re-evaluates household
        members after their parent changed.
        """
        return super()._coop_state_rules() + [
            CoopStateRule(
                50,
                "household",
                True,
                _lt("Attached to a member who may shop"),
                ResPartner._coop_select_household_may_shop,
            ),
            CoopStateRule(
                60,
                "household",
                False,
                _lt("Attached to a member who may not shop"),
                ResPartner._coop_select_household_blocked,
                _lt("Household member of %(member)s: %(reason)s"),
                ResPartner._coop_reason_household_params,
            ),
        ]

    @api.model
    def _coop_non_member_states(self):
        """A household member shops on someone else's membership."""
        return super()._coop_non_member_states() + ["household"]

    @api.model
    def _coop_state_fact_columns(self):
        """The household rows read the member a household member is attached
        to: whether they may shop and whether they are a household member
        themself (their stored values). Read by primary key for household
        members only: evaluating one partner reads one row, not the table."""
        parent = SQL.identifier("p", "coop_household_parent_id")
        return {
            **super()._coop_state_fact_columns(),
            "parent_id": parent,
            "parent_can_shop": SQL(
                "%(parent)s IS NOT NULL AND coalesce((SELECT h.coop_can_shop "
                "FROM res_partner h WHERE h.id = %(parent)s), FALSE)",
                parent=parent,
            ),
            "parent_is_household": SQL(
                "%(parent)s IS NOT NULL AND (SELECT h.coop_household_parent_id "
                "IS NOT NULL FROM res_partner h WHERE h.id = %(parent)s)",
                parent=parent,
            ),
        }

    def _coop_select_household_may_shop(self):
        """Household member whose member may shop."""
        return self._coop_pick(
            lambda f: f.parent_id and f.parent_can_shop and not f.parent_is_household
        )

    def _coop_select_household_blocked(self):
        """Household member whose member may not shop."""
        return self._coop_pick(lambda f: f.parent_id)

    def _coop_reason_household_params(self):
        """The member a household member is attached to, and why they may not
        shop (in the same language)."""
        return {
            partner.id: {
                "member": partner.coop_household_parent_id.name,
                "reason": partner.coop_household_parent_id.coop_shop_block_reason
                or self.env._("the member may not shop"),
            }
            for partner in self
        }

    def _coop_run_state_engine(self):
        """Run the rule table, then keep what hangs on the state consistent.

        After ``super()`` (the table itself):

        1. partners holding shares get a member number and a card, household
           members get a card;
        2. household members of partners who became ``former`` are detached;
        3. household members of every partner that changed are re-evaluated,
           since their row reads the parent's stored ``coop_can_shop``.
        """
        changed = super()._coop_run_state_engine()
        self._coop_assign_number_and_card()
        children = changed._coop_household_members()
        leavers = changed.filtered(lambda p: p.coop_state == "former")
        detached = children.filtered(lambda c: c.coop_household_parent_id in leavers)
        if detached:
            detached.write({"coop_household_parent_id": False})
            for child in detached:
                child.message_post(
                    body=_("Detached from their household: the member left.")
                )
        children |= detached
        if children:
            changed |= children._coop_run_state_engine()
        return changed

    def _coop_household_members(self):
        """The household members attached to these partners (one indexed
        query, where ``coop_household_ids`` would read it per 1,000)."""
        if not self:
            return self.browse()
        self.flush_model(["coop_household_parent_id"])
        self.env.cr.execute(
            "SELECT id FROM res_partner WHERE coop_household_parent_id = ANY(%s)",
            [list(self._ids)],
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _coop_household_max(self):
        param = self.env["ir.config_parameter"].sudo()  # a setting, not a secret
        return int(param.get_param(HOUSEHOLD_MAX_PARAM, 1) or 0)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_coop_new_card(self):
        """Replace a lost card: the new card takes a number from the
        additional-card sequence, so the lost card stops working at the till.
        Only the member desk gives cards."""
        self._coop_check_member_desk()
        self.check_access("write")
        self._coop_new_card(replacement=True)
        return True

    def action_coop_print_badge(self):
        """Print the badges of the selected partners and clear their flag
        (member desk only)."""
        self._coop_check_member_desk()
        partners = self.filtered("coop_card_barcode")
        if not partners:
            raise UserError(_("None of the selected partners has a member card."))
        partners.write(
            {
                "coop_badge_to_print": False,
                "coop_badge_print_date": fields.Date.context_today(self),
            }
        )
        return self.env.ref("coop_membership.action_report_coop_badge").report_action(
            partners, config=False
        )
