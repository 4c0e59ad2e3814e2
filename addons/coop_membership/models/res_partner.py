# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""res.partner in coop_membership: the member (number, card, household,
shares), the membership rule table and its engine, and what the till asks."""

import re
from collections import defaultdict, namedtuple
from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta
from typing import NamedTuple

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.barcode import check_barcode_encoding, get_barcode_check_digit
from odoo.tools.translate import LazyGettext, LazyTranslate

_lt = LazyTranslate(__name__)

# cursor-cache key of the facts shared by the rows of one evaluation
FACTS_MEMO = "coop_state_facts"
# context key of the engine's own writes (only honoured in a sudo environment)
ENGINE_CONTEXT = "coop_state_engine"
# cursor-cache key of the partners whose inputs changed in the operation under way
TRIGGER_MEMO = "coop_state_trigger"
# the last day the daily job ran (``_coop_partners_due_today``)
CALENDAR_PARAM = "coop_membership.state_calendar_date"
# partners evaluated at once from which the engine runs without PostgreSQL's JIT
JIT_BATCH = 1000
MEMBER_DESK = "coop_membership.group_coop_member_desk"
HOUSEHOLD_MAX_PARAM = "coop_membership.household_max"
NOT_HOLDING_STATES = ("not_member", "former", "household")
MEMBER_RULE = "barcode_rule_coop_member"
HOUSEHOLD_RULE = "barcode_rule_coop_household"
POS_MEMBER_FIELDS = [
    "coop_can_shop",
    "coop_shop_block_reason",
    "coop_state",
    "coop_card_barcode",
    "coop_member_number",
]
# wrong manager PINs a cashier may type before being locked out, and for how long
PIN_TRIES = 5
PIN_LOCK_MINUTES = 15


class CoopStateRule(NamedTuple):
    """One row of the membership rule table (see ``_coop_state_rules``).

    - ``condition``: the row's condition in words (translated when printed);
    - ``selector``: the predicate, a ``res.partner`` method: it receives the
      partners not taken by an earlier row and returns those the row takes, on
      the whole recordset at once (grouped queries, no search per partner);
    - ``reason``: why a partner this row takes may not shop, a text rendered
      in the reader's language when read; its placeholders are filled by
      ``reason_params``, a method returning ``{partner_id: {name: value}}``.
    """

    sequence: int
    state: str
    can_shop: bool
    condition: LazyGettext
    selector: Callable
    reason: LazyGettext | None = None
    reason_params: Callable | None = None

    def render_reasons(self, partners):
        """``{partner_id: reason}`` of ``partners`` in their environment's
        language."""
        text = self.reason._translate(partners.env.lang or "en_US")
        if not self.reason_params:
            return dict.fromkeys(partners.ids, text)
        params = self.reason_params(partners)
        return {pid: text % params[pid] for pid in partners.ids}


class CoopStateInput(NamedTuple):
    """One input of the rule table (see ``_coop_state_inputs``).

    Creating or deleting a ``model`` record, or changing one of its
    ``fields``, re-evaluates the partners reached from it by
    ``partner_path`` (``"id"``: the record is the partner). ``only``, a
    predicate on one record, narrows the records that are inputs (a booked
    make-up is one, a standing registration is not).
    """

    model: str
    fields: tuple
    partner_path: str
    only: Callable | None = None

    def partner_ids(self, records):
        """The ids of the partners these input records bear on."""
        if self.only:
            records = records.filtered(self.only)
        if self.partner_path == "id":
            return set(records._ids)
        return set(records.mapped(self.partner_path)._ids)


def _coop_engine_writing(env):
    """Whether this is the engine writing (its own writes trigger nothing)."""
    return env.su and env.context.get(ENGINE_CONTEXT)


@contextmanager
def _coop_state_batch(env):
    """Collect the partners whose inputs change while the block runs; when
    the outermost block of the operation ends without error, re-evaluate them
    all at once (a write that creates lines that are inputs too, such as a
    marked attendance posting points, runs the engine once)."""
    memo = env.cr.cache.setdefault(TRIGGER_MEMO, {"depth": 0, "ids": set()})
    memo["depth"] += 1
    done = False
    try:
        yield memo["ids"]
        done = True
    finally:
        memo["depth"] -= 1
        if not memo["depth"]:
            ids, memo["ids"] = memo["ids"], set()
            if done and ids:
                env["res.partner"].browse(ids)._coop_update_state()


def _coop_make_create(specs):
    @api.model_create_multi
    def create(self, vals_list, **kw):
        if _coop_engine_writing(self.env) or not any(
            spec_fields & vals.keys() for vals in vals_list for spec_fields, _s in specs
        ):
            return create.origin(self, vals_list, **kw)
        with _coop_state_batch(self.env) as touched:
            records = create.origin(self, vals_list, **kw)
            # sudo: only the ids of the partners the new records bear on
            for _f, spec in specs:
                touched |= spec.partner_ids(records.sudo())
        return records

    return create


def _coop_make_write(specs):
    def write(self, vals, **kw):
        relevant = [spec for spec_fields, spec in specs if spec_fields & vals.keys()]
        if not relevant or _coop_engine_writing(self.env):
            return write.origin(self, vals, **kw)
        with _coop_state_batch(self.env) as touched:
            # sudo: only the ids of the partners these records bear on, before
            # and after the write (a line moved to another partner counts twice)
            for spec in relevant:
                touched |= spec.partner_ids(self.sudo())
            res = write.origin(self, vals, **kw)
            for spec in relevant:
                touched |= spec.partner_ids(self.sudo())
        return res

    return write


def _coop_make_unlink(specs):
    def unlink(self, **kw):
        if _coop_engine_writing(self.env):
            return unlink.origin(self, **kw)
        with _coop_state_batch(self.env) as touched:
            for _f, spec in specs:
                touched |= spec.partner_ids(self.sudo())
            res = unlink.origin(self, **kw)
            touched.intersection_update(
                self.env["res.partner"].browse(touched).exists()._ids
            )
        return res

    return unlink


TRIGGER_MAKERS = {
    "create": _coop_make_create,
    "write": _coop_make_write,
    "unlink": _coop_make_unlink,
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    coop_state = fields.Selection(
        [
            ("not_member", "Not a member"),
            ("candidate", "Candidate"),
            ("member", "Member"),
            ("former", "Former member"),
            ("household", "Household member"),
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
        string="Why this person may not shop",
        compute="_compute_coop_shop_block_reason",
        help="Given by the rule row that decided the state, in the language of "
        "whoever reads it.",
    )
    coop_share_qty = fields.Integer(
        string="Shares held",
        compute="_compute_coop_share_qty",
        store=True,
        compute_sudo=True,
        readonly=True,
        copy=False,
        help="Number of shares in the share register (sum of its lines).",
    )
    coop_was_member = fields.Boolean(
        string="Has held shares",
        compute="_compute_coop_share_qty",
        store=True,
        compute_sudo=True,
        readonly=True,
        copy=False,
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
    coop_share_line_ids = fields.One2many(
        "coop.share.line", "partner_id", string="Share register", readonly=True
    )
    coop_subscription_ids = fields.One2many(
        "coop.share.subscription", "partner_id", string="Share subscriptions"
    )
    coop_share_amount = fields.Monetary(
        string="Share capital held",
        compute="_compute_coop_share_amount",
        currency_field="coop_currency_id",
    )
    coop_currency_id = fields.Many2one(
        "res.currency", compute="_compute_coop_share_amount"
    )

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
    # Computes
    # ------------------------------------------------------------------
    @api.depends("coop_state", "coop_can_shop")
    @api.depends_context("lang")
    def _compute_coop_shop_block_reason(self):
        """Why a person may not shop, written now in the reader's language by
        the reason of the row that decided their state: nothing stored is in
        the language of whoever ran the rules."""
        reasons = self.filtered("id")._coop_block_reasons()
        for partner in self:
            partner.coop_shop_block_reason = reasons.get(partner.id, False)

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

    @api.depends("coop_share_line_ids.quantity", "coop_subscription_ids.cancelled")
    def _compute_coop_share_qty(self):
        """Shares held = sum of the register.

        "Has held shares" once a line added shares, except the lines of a
        subscription later cancelled (that person never was a member).
        """
        partners = self.filtered("id")
        Line = self.env["coop.share.line"]
        totals = dict(
            Line._read_group(
                [("partner_id", "in", partners.ids)], ["partner_id"], ["quantity:sum"]
            )
        )
        positive = {
            partner
            for [partner] in Line._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("quantity", ">", 0),
                    "|",
                    ("subscription_id", "=", False),
                    ("subscription_id.cancelled", "=", False),
                ],
                ["partner_id"],
            )
        }
        for partner in self:
            partner.coop_share_qty = totals.get(partner, 0)
            partner.coop_was_member = partner in positive

    @api.depends("coop_share_line_ids.amount")
    def _compute_coop_share_amount(self):
        amounts = dict(
            self.env["coop.share.line"]._read_group(
                [("partner_id", "in", self.filtered("id").ids)],
                ["partner_id"],
                ["amount:sum"],
            )
        )
        for partner in self:
            partner.coop_share_amount = amounts.get(partner, 0.0)
            partner.coop_currency_id = self.env.company.currency_id

    # ------------------------------------------------------------------
    # CRUD: who may write the engine's outputs and inputs
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        """Check protected fields as given and as defaulted by the context
        (``default_<field>``, which a client may send too)."""
        protected = {
            *self._coop_engine_output_fields(),
            *self._coop_input_field_groups(),
        }
        # a field's own default (not the context's) is no change
        defaults = {
            fname: self._fields[fname].default(self)
            if self._fields[fname].default
            else False
            for fname in protected
        }
        from_context = {
            key[8:]: value
            for key, value in self.env.context.items()
            if key.startswith("default_") and key[8:] in protected
        }
        for vals in vals_list:
            given = {**from_context, **vals}
            self._coop_check_protected_fields(
                {
                    fname
                    for fname, value in given.items()
                    if fname in protected
                    and (value or False) != (defaults[fname] or False)
                }
            )
        partners = super().create(vals_list)
        if any(vals.get("coop_member_number") for vals in vals_list):
            self._coop_move_number_sequence()
        return partners

    def write(self, vals):
        """Protected fields are checked; a new card is copied to the core
        ``barcode``; a number given by hand moves the number sequence."""
        self._coop_check_protected_fields(set(vals))
        res = super().write(vals)
        if "coop_card_barcode" in vals:
            self._coop_sync_core_barcode()
        if vals.get("coop_member_number"):
            self._coop_move_number_sequence()
        return res

    @api.model
    def _coop_engine_output_fields(self):
        """Fields only the status engine writes: never a user, whatever their
        rights (an addon whose engine stores more extends this)."""
        return [
            "coop_state",
            "coop_can_shop",
            "coop_shop_block_reason",
            "coop_share_qty",
            "coop_was_member",
        ]

    @api.model
    def _coop_input_field_groups(self):
        """``{field: group}``: the inputs of the membership rules on the
        partner and the group that may change them (the member desk). Contact
        Creation is not enough: every internal user, trainers included, may
        have it. An addon adds its own inputs (``super()`` then add keys)."""
        return dict.fromkeys(
            [
                "coop_welcome_date",
                "coop_household_parent_id",
                "coop_household_ids",
                "coop_card_barcode",
                "coop_member_number",
                "coop_entry_date",
                "coop_badge_to_print",
                "coop_badge_print_date",
                "coop_qualification_ids",
                "coop_working_group_ids",
            ],
            MEMBER_DESK,
        )

    def _coop_check_protected_fields(self, fnames):
        """Refuse a write of the engine's outputs unless it is the engine's
        own (sudo and its context key: a client can send a context, not sudo),
        and a write of an input by a user outside the group that may change it.
        Server code running as superuser may change inputs."""
        outputs = fnames.intersection(self._coop_engine_output_fields())
        if outputs and not (self.env.su and self.env.context.get(ENGINE_CONTEXT)):
            raise AccessError(
                _(
                    "%(fields)s are decided by the membership rules and cannot be "
                    "changed by hand.",
                    fields=", ".join(self._fields[f].string for f in sorted(outputs)),
                )
            )
        if self.env.su:
            return
        groups = self._coop_input_field_groups()
        for fname in sorted(fnames.intersection(groups)):
            if not self.env.user.has_group(groups[fname]):
                raise AccessError(
                    _(
                        "You may not change %(field)s.",
                        field=self._fields[fname].string,
                    )
                )

    @api.model
    def _coop_check_member_desk(self):
        """Refuse the action to a user outside the member desk."""
        if not self.env.su and not self.env.user.has_group(MEMBER_DESK):
            raise AccessError(_("Only the member desk may do this."))

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

    def action_coop_view_share_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_membership.coop_share_line_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    # ------------------------------------------------------------------
    # The inputs: what re-evaluates a partner
    # ------------------------------------------------------------------
    @api.model
    def _coop_state_inputs(self):
        """Return the inputs of the rule table: every model and field a row
        reads (through ``_coop_state_fact_columns``). The ORM re-evaluates
        the partners concerned whenever one is created, changed or deleted
        (``_register_hook``): no business code calls the engine.

        An addon whose rows read more extends this (``super()`` then append).
        Raw SQL writes are invisible to the ORM: code that changes an input in
        SQL calls ``_coop_update_state`` itself (the flying cycle debit).
        """
        return [
            CoopStateInput(
                "res.partner", ("coop_welcome_date", "coop_household_parent_id"), "id"
            ),
            CoopStateInput("coop.share.line", ("partner_id", "quantity"), "partner_id"),
            CoopStateInput(
                "coop.share.subscription", ("partner_id", "cancelled"), "partner_id"
            ),
        ]

    @api.model
    def _coop_state_batch(self):
        """A block whose input changes are evaluated once, when it ends (a
        flow creating partners then their share lines)."""
        return _coop_state_batch(self.env)

    def _setup_complete(self):
        """Wrap ``create``, ``write`` and ``unlink`` of every input model
        (``_coop_state_inputs``) so that changing an input re-evaluates the
        partners it bears on, once per outermost operation (the wrapper sits on
        the model's final class, around every override).

        Done each time the registry sets its models up (every module loaded,
        tests run at install included), not in ``_register_hook``, which runs
        only once all modules are loaded."""
        res = super()._setup_complete()
        by_model = defaultdict(list)
        for spec in self._coop_state_inputs():
            by_model[spec.model].append((frozenset(spec.fields), spec))
        for model_name, specs in by_model.items():
            model_class = self.env.registry.get(model_name)
            if model_class is None:  # its addon is not loaded yet
                continue
            for name, make in TRIGGER_MAKERS.items():
                current = model_class.__dict__.get(name)
                if getattr(current, "coop_state_trigger", False):
                    delattr(model_class, name)  # set up again: wrap afresh
                method = make(specs)
                method.origin = getattr(model_class, name)
                method.coop_state_trigger = True
                setattr(model_class, name, method)
        return res

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

        A household member (binôme / rattaché) may shop exactly while the
        member they are attached to may: the household rows (50, 60) read the
        parent's stored ``coop_can_shop`` and come first;
        ``_coop_run_state_engine`` re-evaluates household members after their
        parent changed.

        Sequences used: coop_membership 1-99 (household), 100-199 (leaving) and
        900-999 (member), coop_shift 200-899 (work states refining ``member``).
        """
        return [
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
            CoopStateRule(
                100,
                "former",
                False,
                _lt("Held shares once, holds none now (all sold back)"),
                ResPartner._coop_select_former,
                _lt("Former member: all shares were sold back"),
            ),
            CoopStateRule(
                150,
                "candidate",
                False,
                _lt("Holds shares, has not attended the welcome session yet"),
                ResPartner._coop_select_candidate,
                _lt("Candidate: the welcome session has not been attended yet"),
            ),
            CoopStateRule(
                900,
                "member",
                True,
                _lt("Holds shares and attended the welcome session"),
                ResPartner._coop_select_member,
            ),
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
        return ["not_member", "candidate", "former", "household"]

    def _coop_select_former(self):
        """Former member: held shares once, holds none now (all sold back)."""
        return self._coop_pick(lambda f: f.was_member and f.share_qty <= 0)

    def _coop_select_candidate(self):
        """Candidate: holds shares, has not attended the welcome session yet."""
        return self._coop_pick(lambda f: f.share_qty > 0 and not f.welcome)

    def _coop_select_member(self):
        """Member: holds shares and attended the welcome session."""
        return self._coop_pick(lambda f: f.share_qty > 0 and f.welcome)

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

    @api.model
    def _coop_not_member_reason(self):
        return _("Not a member of the cooperative")

    @api.model
    def _coop_rule_table(self):
        """The assembled rule table as staff read it (``coop.state.rule.table``):
        one dict per row in evaluation order, then the default, with the state,
        whether the person may shop, the condition and the reason, in the
        reader's language."""
        lang = self.env.lang or "en_US"
        labels = dict(self._fields["coop_state"]._description_selection(self.env))
        rows = [
            {
                "sequence": rule.sequence,
                "state": labels[rule.state],
                "can_shop": rule.can_shop,
                "condition": rule.condition._translate(lang),
                "reason": rule.reason._translate(lang) if rule.reason else "",
            }
            for rule in sorted(self._coop_state_rules(), key=lambda r: r.sequence)
        ]
        default = {
            "sequence": "",
            "state": labels["not_member"],
            "can_shop": False,
            "condition": _("No row above applies"),
            "reason": self._coop_not_member_reason(),
        }
        return [*rows, default]

    def _coop_block_reasons(self):
        """``{id: reason}`` for those of these partners who may not shop:
        the reason method of the row that gives their stored state is called
        once on all the partners in that state."""
        rows = {
            rule.state: rule
            for rule in self._coop_state_rules()
            if not rule.can_shop and rule.reason
        }
        by_state = {}
        for partner in self:
            if not partner.coop_can_shop:
                by_state.setdefault(partner.coop_state, []).append(partner.id)
        reasons = {}
        for state, ids in by_state.items():
            if state in rows:
                reasons.update(rows[state].render_reasons(self.browse(ids)))
            else:
                reasons.update(dict.fromkeys(ids, self._coop_not_member_reason()))
        return reasons

    @api.model
    def _coop_state_groups(self):
        """Named groups of states, the one place code and SQL take them from
        (``{name: tuple of states}``); an addon adds its groups.

        ``may_shop``: the states in which every row lets the person shop
        (derived from the table: a state with a row that blocks, household
        for one, is not in it).
        """
        rules = self._coop_state_rules()
        blocked = {rule.state for rule in rules if not rule.can_shop}
        may_shop = {rule.state for rule in rules if rule.can_shop} - blocked
        return {"may_shop": tuple(sorted(may_shop))}

    # ------------------------------------------------------------------
    # Facts: what the rows read, in one query
    # ------------------------------------------------------------------
    @api.model
    def _coop_state_fact_columns(self):
        """Return ``{name: SQL}``: the values the rule rows read, as SQL
        expressions over ``res_partner p``.

        ``_coop_read_facts`` reads them for every evaluated partner in one
        query, so a selector is a test on a named tuple, not an ORM field access
        (which costs seconds at 20,000 members). An addon whose rows read more
        extends this (``super()`` then add keys).
        """
        to_number = SQL(
            "coalesce(p.coop_share_qty, 0) > 0 AND p.coop_household_parent_id IS NULL"
        )
        return {
            "id": SQL("p.id"),
            "state": SQL("p.coop_state"),
            "can_shop": SQL("coalesce(p.coop_can_shop, FALSE)"),
            "share_qty": SQL("coalesce(p.coop_share_qty, 0)"),
            "was_member": SQL("coalesce(p.coop_was_member, FALSE)"),
            "welcome": SQL("p.coop_welcome_date IS NOT NULL"),
            # not read by the rows: what the engine gives after them
            "to_number": SQL("%s AND p.coop_member_number IS NULL", to_number),
            "to_card": SQL(
                "p.coop_card_barcode IS NULL AND (%s OR p.coop_member_number IS "
                "NOT NULL OR p.coop_household_parent_id IS NOT NULL)",
                to_number,
            ),
            # the household rows read the member a household member is
            # attached to (``hp``, joined by primary key): evaluating one
            # partner reads one more row, not the table
            "parent_id": SQL("p.coop_household_parent_id"),
            "parent_can_shop": SQL("coalesce(hp.coop_can_shop, FALSE)"),
            "parent_is_household": SQL(
                "coalesce(hp.coop_household_parent_id IS NOT NULL, FALSE)"
            ),
        }

    def _coop_read_facts(self):
        """``{partner_id: facts}`` for these partners, read in one query after
        a flush; ``facts`` is a named tuple of ``_coop_state_fact_columns``."""
        columns = self._coop_state_fact_columns()
        facts_type = namedtuple("CoopStateFacts", list(columns))
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                # a join on the ids, not ``= ANY(ids)``: the latter's estimate
                # grows with the list and PostgreSQL starts JIT-compiling the
                # query, which then costs more than running it
                "SELECT %s FROM unnest(%s::int[]) AS v(id) JOIN res_partner p "
                "ON p.id = v.id LEFT JOIN res_partner hp "
                "ON hp.id = p.coop_household_parent_id",
                SQL(", ").join(columns.values()),
                list(self._ids),
            )
        )
        return {row[0]: facts_type._make(row) for row in self.env.cr.fetchall()}

    def _coop_facts(self):
        """The facts of these partners: those of the evaluation under way
        (``_coop_update_state`` reads them once for every row), else read now
        (a selector called on its own)."""
        memo = self.env.cr.cache.get(FACTS_MEMO)
        if memo is not None and all(pid in memo for pid in self._ids):
            return memo
        return self._coop_read_facts()

    def _coop_pick(self, predicate):
        """The partners of ``self`` whose facts satisfy ``predicate(facts)``
        (a deleted partner has no facts and is never picked)."""
        facts = self._coop_facts()
        return self.browse(
            [pid for pid in self._ids if pid in facts and predicate(facts[pid])]
        )

    @api.model
    def _coop_state_fact_dates(self, since, today):
        """Return ``{fact: SQL}``: for each fact that reads today's date, a
        query selecting (as its only column) the partners whose fact changed
        value on a day after ``since`` and up to ``today``. The daily job
        re-evaluates exactly those (``_coop_partners_due_today``). An addon
        adding a dated fact adds its query under the fact's name."""
        return {}

    # ------------------------------------------------------------------
    # The engine
    # ------------------------------------------------------------------
    def _coop_evaluate_states(self):
        """Evaluate the rule table; return ``{id: (state, can_shop)}`` (the
        reason is written when read, ``_compute_coop_shop_block_reason``)."""
        result = {}
        remaining = self
        for rule in sorted(self._coop_state_rules(), key=lambda r: r.sequence):
            if not remaining:
                break
            matched = rule.selector(remaining)
            if not matched:
                continue
            result.update(dict.fromkeys(matched._ids, (rule.state, rule.can_shop)))
            remaining -= matched
        result.update(dict.fromkeys(remaining._ids, ("not_member", False)))
        return result

    def _coop_update_state(self):
        """Re-evaluate these partners now; return those whose state or
        may-shop changed.

        The ORM calls this when an input changes (``_register_hook``), the
        daily job for the partners the calendar moves. It runs as the engine:
        sudo (bounded: it writes only the rule table's outputs and what hangs
        on them, for these partners) and with the engine's context key, so that
        the inputs it keeps itself (alert dates...) trigger nothing.
        """
        engine = self.sudo().with_context(**{ENGINE_CONTEXT: True})
        with engine._coop_without_jit():
            return self.browse(engine._coop_run_state_engine()._ids)

    @contextmanager
    def _coop_without_jit(self):
        """For a large batch, PostgreSQL's JIT compiles the engine's queries
        for longer than they run (seconds at 20,000 members, measured by
        bench_shift): it is off while the engine runs on one, then restored
        (``set_config(..., true)`` lasts the transaction at most)."""
        if len(self._ids) < JIT_BATCH:
            yield
            return
        cr = self.env.cr
        cr.execute(SQL("SELECT current_setting('jit'), set_config('jit', 'off', true)"))
        previous = cr.fetchone()[0]
        yield
        cr.execute(SQL("SELECT set_config('jit', %s, true)", previous))

    def _coop_run_state_engine(self):
        """Run the rule table (``_coop_apply_rules``), then keep what hangs on
        the state consistent (``_coop_after_rules``); return the partners whose
        state or may-shop changed. The rows' inputs are read once, in one
        query (``_coop_read_facts``), and serve every step. Addons hook their
        own steps around this."""
        facts = self._coop_read_facts() if self else {}
        if not facts:
            return self.browse()
        with self._coop_facts_memo(facts):
            changed = self.browse(list(facts))._coop_apply_rules(facts)
        return changed | self._coop_after_rules(changed, facts)

    @contextmanager
    def _coop_facts_memo(self, facts):
        """Let the rows (and the reasons of the changes) read ``facts``
        rather than query them again."""
        cache = self.env.cr.cache
        outer = cache.get(FACTS_MEMO)
        cache[FACTS_MEMO] = facts
        try:
            yield
        finally:
            cache[FACTS_MEMO] = outer
            if outer is None:
                cache.pop(FACTS_MEMO)

    def _coop_apply_rules(self, facts):
        """Recompute state and may-shop of these partners from their
        ``facts``; write only what changed (one statement) and append each
        change of state to the status timeline (one more), however many
        partners change. Return those that changed."""
        computed = self._coop_evaluate_states()
        results = {
            pid: new
            for pid, new in computed.items()
            if (facts[pid].state, facts[pid].can_shop) != new
        }
        if not results:
            return self.browse()
        changed = self.browse(list(results))
        changed._coop_store_state(results)
        changed._coop_log_state_change({pid: facts[pid].state for pid in results})
        return changed

    def _coop_after_rules(self, changed, facts):
        """Keep what hangs on the state consistent after the table ran on
        these partners (``changed``: those whose outcome changed); return the
        partners it changed in turn:

        1. partners holding shares get a member number and a card, household
           members get a card;
        2. household members of partners who became ``former`` are detached;
        3. household members of every partner that changed are re-evaluated,
           since their row reads the parent's stored ``coop_can_shop``.
        """
        self._coop_assign_number_and_card(facts)
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
        return children._coop_run_state_engine() if children else self.browse()

    def _coop_store_state(self, results):
        """Store the rule table's ``results`` (``{id: (state, can_shop)}``) in
        one UPDATE.

        The two fields are the engine's read-only output, never user input, so
        they skip ``write()``: its per-partner commercial-field sync and mail
        tracking cost most of a recompute at 20,000 members. The ORM stays
        consistent: pending values are flushed first, the new values are put in
        the cache and fields depending on them are told with ``modified()``.
        """
        fnames = ["coop_state", "coop_can_shop"]
        ids = list(results)
        states, can_shops = zip(*(results[pid] for pid in ids), strict=True)
        records = self.browse(ids)
        records.flush_recordset(fnames)
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner p
                   SET coop_state = v.state, coop_can_shop = v.can_shop,
                       write_uid = %s, write_date = now() at time zone 'UTC'
                  FROM unnest(%s::int[], %s::varchar[], %s::bool[])
                       AS v(id, state, can_shop)
                 WHERE p.id = v.id
                """,
                self.env.uid,
                ids,
                list(states),
                list(can_shops),
            )
        )
        records.invalidate_recordset([*fnames, "write_uid", "write_date"])
        for fname, values in zip(fnames, (states, can_shops), strict=True):
            self.env.cache.update(records, self._fields[fname], values)
        records.modified(fnames)

    def _coop_log_state_change(self, old_states):
        """Append one timeline line per partner whose state changed (one
        INSERT), after the new state is stored; ``old_states`` is ``{id:
        state}``. The timeline keeps the reason in the member's own language
        (the legal record of what they were told)."""
        moved = self.filtered(lambda p: p.coop_state != old_states[p.id])
        if not moved:
            return
        reasons = moved._coop_block_reasons_in_own_language()
        ids = moved.ids
        olds = [old_states[pid] for pid in ids]
        news = moved.mapped("coop_state")
        can_shops = moved.mapped("coop_can_shop")
        reasons = [reasons.get(pid) for pid in ids]
        self.env["coop.state.change"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO coop_state_change
                    (partner_id, date, old_state, new_state, can_shop, reason)
                SELECT v.id, now() at time zone 'UTC', v.old, v.new, v.can_shop,
                       v.reason
                  FROM unnest(%s::int[], %s::varchar[], %s::varchar[], %s::bool[],
                              %s::varchar[]) AS v(id, old, new, can_shop, reason)
                """,
                ids,
                olds,
                news,
                can_shops,
                [reason or None for reason in reasons],
            )
        )
        self.env["coop.state.change"].invalidate_model()

    def _coop_block_reasons_in_own_language(self):
        """``{id: reason}`` of those who may not shop, each in the partner's
        language (one query for the languages, one rendering per language)."""
        blocked = self.filtered(lambda p: not p.coop_can_shop)
        if not blocked:
            return {}
        self.env.cr.execute(
            SQL("SELECT id, lang FROM res_partner WHERE id = ANY(%s)", blocked.ids)
        )
        by_lang = {}
        for pid, lang in self.env.cr.fetchall():
            by_lang.setdefault(lang or self.env.lang, []).append(pid)
        reasons = {}
        for lang, ids in by_lang.items():
            reasons.update(
                self.browse(ids).with_context(lang=lang)._coop_block_reasons()
            )
        return reasons

    def _coop_household_members(self):
        """The household members attached to these partners (one indexed
        query, where ``coop_household_ids`` would read it per 1,000)."""
        if not self:
            return self.browse()
        self.flush_model(["coop_household_parent_id"])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM res_partner WHERE coop_household_parent_id = ANY(%s)",
                list(self._ids),
            )
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _coop_household_max(self):
        param = self.env["ir.config_parameter"].sudo()  # a setting, not a secret
        return int(param.get_param(HOUSEHOLD_MAX_PARAM, 1) or 0)

    # ------------------------------------------------------------------
    # Member numbers and cards, given in batch
    # ------------------------------------------------------------------
    def _coop_assign_number_and_card(self, facts):
        """Give a number (and an entry date) to those who hold shares and have
        none, and a card to every numbered member or household member without
        one, as the engine's ``facts`` say (``to_number``, ``to_card``: read
        with the rows' inputs, no query of their own). Numbers come from a
        sequence and are never given twice."""
        to_number = self.browse([f.id for f in facts.values() if f.to_number])
        to_card = self.browse([f.id for f in facts.values() if f.to_card])
        if to_number:
            numbers = self._coop_sequence_numbers("coop.member.number", len(to_number))
            to_number._coop_write_numbers(numbers)
        to_card._coop_new_card()

    @api.model
    def _coop_move_number_sequence(self):
        """Move the member-number sequence past the highest number in use, so
        that numbers given by hand or by an import are never drawn again (one
        query and, when needed, one sequence update)."""
        self.flush_model(["coop_member_number"])
        self.env.cr.execute(SQL("SELECT max(coop_member_number) FROM res_partner"))
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

    # ------------------------------------------------------------------
    # Shares
    # ------------------------------------------------------------------
    def _coop_holdings_by_type(self, date=None):
        """``[(share_type, quantity, amount)]`` held at ``date`` (certificate)."""
        self.ensure_one()
        holdings = self.env["coop.share.line"]._coop_holdings(self, date=date)
        types = self.env["coop.share.type"].browse(t for _p, t in holdings)
        return [
            (t, holdings[self.id, t.id], holdings[self.id, t.id] * t.unit_price)
            for t in types
            if holdings[self.id, t.id]
        ]

    # ------------------------------------------------------------------
    # The till (members-only points of sale)
    # ------------------------------------------------------------------
    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + POS_MEMBER_FIELDS

    def coop_pos_check_can_shop(self, config_id=False):
        """Answer the till from the database, never from data loaded earlier.

        Returns ``coop_check_can_shop()`` plus the fresh member fields (the till
        refreshes its copy with them). On a members-only point of sale, a
        refusal is logged.
        """
        self.ensure_one()
        self._coop_check_pos_user()
        result = self.coop_check_can_shop()
        config = self.env["pos.config"].browse(config_id).exists()
        if config.coop_members_only and not result["can_shop"]:
            self._coop_pos_log(config, "refused", result["reason"])
        result["partner"] = self.read(POS_MEMBER_FIELDS)[0]
        return result

    def coop_pos_override(self, config_id, pin):
        """A POS manager lets this partner buy despite a refusal, with their PIN.

        Only a cashier of an open session of that till may ask; after
        ``PIN_TRIES`` wrong PINs in ``PIN_LOCK_MINUTES`` the cashier is locked
        out for that time. The PIN is checked here against hashes; the
        override is logged with the manager's name and lets the next paid
        order of this customer on this session through (``pos.order``).
        Returns ``{"ok": bool, "manager": name, "message": text}``.
        """
        self.ensure_one()
        config = self._coop_pos_open_config(config_id)
        reason = self.coop_check_can_shop()["reason"] or _("May shop")
        if self._coop_pos_locked_out():
            return {
                "ok": False,
                "manager": False,
                "message": _(
                    "Too many wrong PINs: try again in %(minutes)s minutes.",
                    minutes=PIN_LOCK_MINUTES,
                ),
            }
        manager = self.env["res.users"]._coop_pos_manager_by_pin(pin)
        if not manager:
            # every failed attempt is kept: proof, and a trace of PIN guessing
            self._coop_pos_log(config, "wrong_pin", reason)
            return {
                "ok": False,
                "manager": False,
                "message": _("This PIN is not the PIN of a POS manager."),
            }
        self._coop_pos_log(config, "override", reason, manager)
        return {"ok": True, "manager": manager.name, "message": False}

    @api.model
    def _coop_check_pos_user(self):
        """Refuse a caller who is not a cashier (POS user)."""
        if not self.env.user.has_group("point_of_sale.group_pos_user"):
            raise AccessError(_("Only a cashier may ask this."))

    @api.model
    def _coop_pos_open_config(self, config_id):
        """The till ``config_id``, if the caller is a cashier and the till has
        an open session in one of the caller's companies; else refuse."""
        self._coop_check_pos_user()
        config = self.env["pos.config"].browse(config_id).exists()
        session = config.current_session_id
        if (
            not session
            or session.state != "opened"
            or config.company_id not in self.env.user.company_ids
        ):
            raise AccessError(
                _("A manager override needs an open session of this point of sale.")
            )
        return config

    @api.model
    def _coop_pos_locked_out(self):
        """Whether the caller typed ``PIN_TRIES`` wrong PINs in the last
        ``PIN_LOCK_MINUTES`` minutes (counted on the access log)."""
        since = fields.Datetime.now() - timedelta(minutes=PIN_LOCK_MINUTES)
        # sudo: a count of the caller's own failed attempts, nothing read back
        wrong = (
            self.env["coop.pos.access.log"]
            .sudo()
            .search_count(
                [
                    ("user_id", "=", self.env.user.id),
                    ("event", "=", "wrong_pin"),
                    ("date", ">=", since),
                ]
            )
        )
        return wrong >= PIN_TRIES

    def _coop_pos_log(self, config, event, reason, manager=None, order_ref=False):
        """Write one access log line. Cashiers cannot create log lines
        themselves (they could forge an override); this method is the only
        writer and fixes every value from the check it just made."""
        # sudo: values are set here, never taken from the client, and the
        # cashier is recorded as the user who made the request
        return (
            self.env["coop.pos.access.log"]
            .sudo()
            .create(
                {
                    "user_id": self.env.user.id,
                    "company_id": (config.company_id or self.env.company).id,
                    "event": event,
                    "partner_id": self.id,
                    "reason": reason,
                    "override_user_id": manager.id if manager else False,
                    "config_id": config.id,
                    "session_id": config.current_session_id.id,
                    "order_ref": order_ref,
                }
            )
        )

    # ------------------------------------------------------------------
    # Public API and the daily job
    # ------------------------------------------------------------------
    def coop_check_can_shop(self):
        """The single answer to "may this person buy now".

        Returns ``{"can_shop": bool, "reason": str}`` for one partner, read from
        the stored values the rule table maintains.
        """
        self.ensure_one()
        if self.coop_can_shop:
            return {"can_shop": True, "reason": False}
        return {
            "can_shop": False,
            "reason": self.coop_shop_block_reason or self._coop_not_member_reason(),
        }

    @api.model
    def _coop_partners_due_today(self):
        """Partners whose state may change today by the calendar alone: those
        with a dated fact (``_coop_state_fact_dates``) that changed value after
        the last daily run and by today, so a missed day is caught up the next
        day (a database where it never ran catches up a year). One query over
        indexed dates, never every member."""
        today = fields.Date.context_today(self)
        last = fields.Date.to_date(
            # sudo: a date the daily job keeps, not a secret
            self.env["ir.config_parameter"].sudo().get_param(CALENDAR_PARAM)
        )
        # never run: the changes of the last year
        since = min(last or today - timedelta(days=366), today - timedelta(days=1))
        queries = self._coop_state_fact_dates(since, today).values()
        if not queries:
            return self.browse()
        self.env.flush_all()
        self.env.cr.execute(SQL(" UNION ").join(queries))
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _cron_coop_update_state(self):
        self._coop_partners_due_today()._coop_update_state()
        self.env["ir.config_parameter"].sudo().set_param(
            CALENDAR_PARAM, fields.Date.to_string(fields.Date.context_today(self))
        )

    # ------------------------------------------------------------------
    # Portal self-service hooks (issue #18, helper "portal"): each addon
    # extends these methods (``super()`` then add) in its own res_partner.py
    # ------------------------------------------------------------------
    def _coop_status_explained(self):
        """The member's status as the portal explains it, in the reader's
        language: ``{"state", "can_shop", "reason", "steps"}`` where ``reason``
        is the rule table's own reason (``coop_shop_block_reason``) and
        ``steps`` the next steps in plain words (``_coop_next_steps``)."""
        self.ensure_one()
        labels = dict(self._fields["coop_state"]._description_selection(self.env))
        return {
            "state": labels.get(self.coop_state, self.coop_state),
            "can_shop": self.coop_can_shop,
            "reason": self.coop_check_can_shop()["reason"],
            "steps": self._coop_next_steps(),
        }

    def _coop_next_steps(self):
        """What the member can do next, as short sentences in the reader's
        language; addons refining the state append theirs (``super()``)."""
        self.ensure_one()
        steps = {
            "candidate": _(
                "Attend a welcome session to become a full member: the member "
                "desk gives the dates."
            ),
            "former": _("To come back, subscribe shares again at the member desk."),
            "not_member": _("To shop here, become a member: subscribe shares."),
        }
        return [steps[self.coop_state]] if self.coop_state in steps else []

    def _coop_personal_data(self):
        """Everything the coop holds about this person, for the right of
        access (RGPD art. 15): ``{section: rows}`` of JSON-serialisable values
        (lists of dicts), labels in the reader's language. Addons add their
        sections (``super()`` then update)."""
        self.ensure_one()
        labels = dict(self._fields["coop_state"]._description_selection(self.env))
        identity = {
            "name": self.name,
            "email": self.email or "",
            "phone": self.phone or "",
            "street": self.street or "",
            "zip": self.zip or "",
            "city": self.city or "",
            "lang": self.lang or "",
            "member_number": self.coop_member_number or "",
            "card_barcode": self.coop_card_barcode or "",
            "entry_date": str(self.coop_entry_date or ""),
            "welcome_date": str(self.coop_welcome_date or ""),
            "state": labels.get(self.coop_state, self.coop_state),
            "can_shop": self.coop_can_shop,
            "shares_held": self.coop_share_qty,
            "qualifications": self.coop_qualification_ids.mapped("name"),
        }
        history = [
            {
                "date": str(change.date),
                "old_state": labels.get(change.old_state, change.old_state or ""),
                "new_state": labels.get(change.new_state, change.new_state or ""),
                "can_shop": change.can_shop,
                "reason": change.reason or "",
            }
            for change in self.coop_state_change_ids.sorted("date")
        ]
        operations = dict(
            self.env["coop.share.line"]
            ._fields["operation"]
            ._description_selection(self.env)
        )
        shares = [
            {
                "date": str(line.date),
                "share_type": line.share_type_id.name,
                "operation": operations.get(line.operation, line.operation),
                "quantity": line.quantity,
                "amount": line.amount,
            }
            for line in self.env["coop.share.line"].search(
                [("partner_id", "=", self.id)], order="date, id"
            )
        ]
        return {"identity": [identity], "shares": shares, "status_history": history}

    def _coop_calendar_events(self, date_from, date_to):
        """The member's dated commitments between two UTC datetimes, for the
        calendar feed: a list of ``{"uid", "start", "end", "summary",
        "location", "description"}`` (naive UTC datetimes). Addons with dated
        commitments (shifts, training half-days) add theirs."""
        self.ensure_one()
        return []
