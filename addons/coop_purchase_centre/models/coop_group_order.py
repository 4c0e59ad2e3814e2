# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tools import SQL

from ..tools import smallest_divisors

_logger = logging.getLogger(__name__)

#: States in which coops may still change what they ask for.
EDITABLE_STATES = ("open",)
#: States in which the group order can still be cancelled.
CANCELLABLE_STATES = ("draft", "open", "closed")
#: Key of the context marker set by the flows below. Its value is a Python
#: object that no JSON-RPC client can send, so a client cannot pretend to be a
#: flow by sending the key.
FLOW_KEY = "coop_centre_flow"
FLOW = object()
#: Fields only the actions write.
FLOW_ONLY_FIELDS = {
    "state",
    "purchase_id",
    "date_open",
    "reminder_sent",
    "below_minimum_decided",
}
#: Fields set while preparing the order.
DRAFT_FIELDS = {
    "name",
    "company_id",
    "producer_id",
    "date_cutoff",
    "date_delivery",
    "delivery_place",
    "fee_type",
    "fee_value",
    "rounding_rule",
    "min_order_amount",
    "product_line_ids",
    "participant_ids",
}
#: Lines that guard themselves (see their own ``write``, ``create``, ``unlink``).
LINE_FIELDS = {"product_line_ids", "participant_ids", "request_ids"}
#: Chatter and activity fields, always writable.
MAIL_FIELDS = {
    "message_follower_ids",
    "message_ids",
    "activity_ids",
    "message_main_attachment_id",
}


def in_flow(env):
    """True when the caller is one of this addon's flows (never a client)."""
    return env.context.get(FLOW_KEY) is FLOW


def units_text(quantity):
    """A quantity as people write it: 17, 2.5 (no trailing zeros)."""
    return f"{quantity:g}"


#: The quantities of a request that the sharing rule writes (``_share_out``).
SHARED_FIELDS = {"final_quantity", "allocated_quantity"}


def _write_grouped(values, field):
    """Write ``field`` on many records: one ``write`` per distinct value."""
    by_value = {}
    for record, value in values.items():
        by_value.setdefault(value, []).append(record.id)
    for value, ids in by_value.items():
        next(iter(values)).browse(ids).write({field: value})


class CoopGroupOrder(models.Model):
    """A group order: several coops buy from one producer through the centre.

    draft → open (coops enter quantities until the cut-off) → closed (final
    quantities rounded to packages) → ordered (one purchase order to the
    producer) → received (what arrived) → done (shared out, one delivery and
    one invoice per coop). ``cancel`` until the order is sent.
    """

    _name = "coop.group.order"
    _description = "Group order"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_cutoff desc, id desc"

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    company_id = fields.Many2one(
        "res.company",
        string="Purchasing centre",
        required=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    producer_id = fields.Many2one(
        "res.partner", string="Producer", required=True, tracking=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("open", "Open"),
            ("closed", "Closed"),
            ("ordered", "Ordered"),
            ("received", "Received"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    date_open = fields.Datetime(string="Opening", readonly=True, copy=False)
    date_cutoff = fields.Datetime(string="Cut-off", required=True, tracking=True)
    date_delivery = fields.Date(string="Delivery date", tracking=True)
    delivery_place = fields.Char(string="Delivery place")
    fee_type = fields.Selection(
        [("percent", "Percentage of the producer's price"), ("unit", "Per unit")],
        string="Centre's fee",
        default="percent",
        required=True,
    )
    fee_value = fields.Float(string="Fee", digits="Product Price")
    rounding_rule = fields.Selection(
        [
            ("up", "Round up: order whole packages, the centre keeps the rest"),
            ("down", "Round down: reduce the coops' quantities pro rata"),
        ],
        string="Package rounding",
        default="up",
        required=True,
    )
    min_order_amount = fields.Monetary(
        string="Producer's minimum order",
        help="Value at the producer's price below which the producer does not "
        "deliver. Below it, the centre decides to cancel or to order anyway.",
    )
    product_line_ids = fields.One2many(
        "coop.group.order.product", "order_id", string="Products", copy=True
    )
    participant_ids = fields.One2many(
        "coop.group.order.participant", "order_id", string="Coops", copy=True
    )
    request_ids = fields.One2many(
        "coop.group.order.request", "order_id", string="Quantities"
    )
    purchase_id = fields.Many2one(
        "purchase.order", string="Purchase order", readonly=True, copy=False
    )
    reminder_sent = fields.Boolean(readonly=True, copy=False)
    below_minimum_decided = fields.Boolean(
        string="Ordered below the minimum", readonly=True, copy=False
    )
    amount_requested = fields.Monetary(
        string="Asked by the coops", compute="_compute_amounts"
    )
    amount_producer = fields.Monetary(
        string="To order (producer's price)", compute="_compute_amounts"
    )
    below_minimum = fields.Boolean(compute="_compute_amounts")
    saved_units = fields.Float(
        string="Units of package rounding avoided",
        compute="_compute_savings",
        help="What the coops would have had to buy beyond their needs, each "
        "ordering whole packages alone, less what the group order rounds.",
    )
    saved_amount = fields.Monetary(
        string="Value of package rounding avoided", compute="_compute_savings"
    )
    minimum_reached_count = fields.Integer(
        string="Coops that reach the minimum only together",
        compute="_compute_savings",
    )

    _sql_constraints = [
        (
            "fee_positive",
            "CHECK(fee_value >= 0)",
            "The centre's fee cannot be negative.",
        ),
    ]

    @api.constrains("date_cutoff", "date_delivery")
    def _check_dates(self):
        for order in self:
            if order.date_delivery and order.date_cutoff.date() > order.date_delivery:
                raise ValidationError(
                    _(
                        "%(order)s: the delivery date is before the cut-off.",
                        order=order.name,
                    )
                )

    @api.depends(
        "product_line_ids.qty_requested",
        "product_line_ids.qty_to_order",
        "product_line_ids.producer_price",
        "product_line_ids.centre_price",
        "min_order_amount",
    )
    def _compute_amounts(self):
        for order in self:
            lines = order.product_line_ids
            order.amount_requested = sum(
                line.qty_requested * line.centre_price for line in lines
            )
            order.amount_producer = sum(
                line.qty_to_order * line.producer_price for line in lines
            )
            order.below_minimum = bool(
                order.min_order_amount
                and order.amount_producer < order.min_order_amount
            )

    @api.depends("request_ids.quantity", "product_line_ids.package_size")
    def _compute_savings(self):
        for order in self:
            units = amount = 0.0
            for line in order.product_line_ids:
                alone = sum(line.request_ids.mapped("alone_excess"))
                units += alone - line.grouped_excess
                amount += (alone - line.grouped_excess) * line.producer_price
            order.saved_units = units
            order.saved_amount = amount
            order.minimum_reached_count = (
                len(order.participant_ids.filtered("alone_below_minimum"))
                if order.min_order_amount and not order.below_minimum
                else 0
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not in_flow(self.env) and FLOW_ONLY_FIELDS & vals.keys():
                raise AccessError(
                    _("A group order starts as a draft; its actions move it on.")
                )
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("coop.group.order") or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        self._check_write(vals)
        return super().write(vals)

    def unlink(self):
        if any(order.state not in ("draft", "cancel") for order in self):
            raise UserError(_("Only a draft or cancelled group order can be deleted."))
        return super().unlink()

    # ------------------------------------------------------------------ actions

    def action_open(self):
        """Open the order to the coops and tell each of them by mail."""
        self._check_staff()
        for order in self:
            order._check_state("draft")
            if not order.product_line_ids or not order.participant_ids:
                raise UserError(
                    _(
                        "%(order)s: add products and coops before opening it.",
                        order=order.name,
                    )
                )
            if order.date_cutoff <= fields.Datetime.now():
                raise UserError(
                    _("%(order)s: the cut-off is already past.", order=order.name)
                )
        self._flow().write({"state": "open", "date_open": fields.Datetime.now()})
        self.participant_ids._notify("coop_purchase_centre.mail_template_group_open")
        return True

    def action_close(self):
        """Close the order: final quantities in whole packages, per coop.

        With the round-up rule every coop gets what it asked for and the centre
        keeps the rest of the last package; with the round-down rule the coops'
        quantities are reduced with the rule of ``tools.share_out``. A product
        whose rounded quantity stays under its minimum is not ordered.
        """
        self._check_staff()
        for order in self:
            order._check_state("open")
        for order in self._flow():
            ordered = {line: line.qty_to_order for line in order.product_line_ids}
            _write_grouped(ordered, "qty_ordered")
            order._share_out(ordered, "quantity", "final_quantity")
            order.state = "closed"
        self.participant_ids._notify("coop_purchase_centre.mail_template_group_closed")
        return True

    def action_order(self):
        """Send one purchase order to the producer (refused below its minimum)."""
        self._check_staff()
        for order in self:
            order._check_state("closed")
            if order.below_minimum and not order.below_minimum_decided:
                raise UserError(
                    _(
                        "%(order)s is under the producer's minimum order "
                        "(%(amount)s of %(minimum)s): cancel it, or order "
                        "anyway.",
                        order=order.name,
                        amount=order.amount_producer,
                        minimum=order.min_order_amount,
                    )
                )
            order._create_purchase()
        return True

    def action_order_anyway(self):
        """The centre decides to order although the minimum is not reached."""
        self._check_staff()
        for order in self:
            order._check_state("closed")
            order._flow().below_minimum_decided = True
            order.message_post(
                body=_(
                    "Ordered below the producer's minimum by decision of %(user)s.",
                    user=self.env.user.name,
                )
            )
        return self.action_order()

    def action_receive(self):
        """Record what the producer delivered, from the purchase order's receipt."""
        self._check_staff()
        for order in self:
            order._check_state("ordered")
            pickings = order.purchase_id.picking_ids
            if not pickings or any(p.state not in ("done", "cancel") for p in pickings):
                raise UserError(
                    _(
                        "%(order)s: validate the producer's delivery first.",
                        order=order.name,
                    )
                )
        flow = self._flow()
        for order in flow:
            for line in order.product_line_ids:
                po_lines = order.purchase_id.order_line.filtered(
                    lambda pol, line=line: pol.product_id == line.product_id
                )
                line.qty_received = sum(po_lines.mapped("qty_received"))
            order.state = "received"
        return True

    def action_allocate(self):
        """Share out what arrived and deliver and invoice each coop.

        Each coop gets its final quantity when enough arrived; otherwise the
        received units are shared with the rule of ``tools.share_out``. Then one
        sale order per coop (confirmed, delivered, invoiced at the centre's
        price), and for a coop that is a company of this database its purchase
        order to the centre.
        """
        self._check_staff()
        for order in self:
            order._check_state("received")
        for order in self._flow():
            received = {line: line.qty_received for line in order.product_line_ids}
            order._share_out(received, "final_quantity", "allocated_quantity")
            order.participant_ids._deliver_and_invoice()
            order.state = "done"
        self.participant_ids._notify(
            "coop_purchase_centre.mail_template_group_delivered"
        )
        return True

    def action_cancel(self):
        """Cancel before the order is sent to the producer; the coops are told."""
        self._check_staff()
        for order in self:
            if order.state not in CANCELLABLE_STATES:
                raise UserError(
                    _(
                        "%(order)s was sent to the producer: it cannot be cancelled.",
                        order=order.name,
                    )
                )
        notify = self.filtered(lambda o: o.state != "draft").participant_ids
        self._flow().write({"state": "cancel"})
        notify._notify("coop_purchase_centre.mail_template_group_cancelled")
        return True

    def action_view_purchase(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "res_id": self.purchase_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------ helpers

    def _check_staff(self):
        """Every action of the group order is the centre staff's."""
        if (
            not self.env.user.has_group("coop_purchase_centre.group_centre_user")
            and not self.env.su
        ):
            raise AccessError(_("Only the purchasing centre's staff may do this."))
        self.check_access("write")

    def _share_out(self, totals, asked_field, target_field):
        """Share each product line's total among its requests by the rule of
        ``tools.share_out`` and store each share in ``target_field``.

        The hot path of closing and allocating (30 coops × 300 products: 9,000
        requests), so the requests are read and written in SQL: one query reads
        what each asked, one ``UPDATE … FROM unnest`` writes the shares.
        """
        self.ensure_one()
        shares = self._share(totals, asked_field)
        self._store_shares(target_field, shares)
        return shares

    def _share(self, totals, asked_field):
        """``{request id: units}``: each request's share of its line's total.

        Requests are read in the order they were entered (by id): the last
        tie-break of the rule.
        """
        Request = self.env["coop.group.order.request"]
        Request.flush_model([asked_field, "product_line_id"])
        lines = {line.id: total for line, total in totals.items()}
        self.env.cr.execute(
            SQL(
                "SELECT product_line_id, id, %s FROM coop_group_order_request"
                " WHERE product_line_id = ANY(%s) ORDER BY product_line_id, id",
                SQL.identifier(asked_field),
                list(lines),
            )
        )
        asked = {}
        for line_id, request_id, quantity in self.env.cr.fetchall():
            asked.setdefault(line_id, {})[request_id] = quantity or 0
        shares = {}
        for line_id, demands in asked.items():
            shares.update(smallest_divisors(lines[line_id], demands))
        return shares

    def _store_shares(self, field, shares):
        """Write ``{request id: units}`` in ``field`` of the requests in one
        statement, as an ORM write would (with the writer and the date), then
        tell the ORM: cached values and what is computed from them are dropped.
        Only the flows call it, after checking the caller (``_check_staff``).
        """
        if field not in SHARED_FIELDS:
            raise AccessError(_("Only the sharing rule writes these quantities."))
        if not shares:
            return
        Request = self.env["coop.group.order.request"]
        Request.flush_model([field])
        ids, quantities = zip(*shares.items(), strict=True)
        self.env.cr.execute(
            SQL(
                """UPDATE coop_group_order_request AS req
                      SET %(field)s = share.units, write_uid = %(uid)s,
                          write_date = %(now)s
                     FROM unnest(%(ids)s::int[], %(units)s::float8[])
                          AS share(id, units)
                    WHERE req.id = share.id""",
                field=SQL.identifier(field),
                uid=self.env.uid,
                now=self.env.cr.now(),
                ids=list(ids),
                units=[float(qty) for qty in quantities],
            )
        )
        requests = Request.browse(ids)
        requests.invalidate_recordset([field, "write_uid", "write_date"])
        requests.modified([field])

    def _flow(self):
        return self.with_context(**{FLOW_KEY: FLOW})

    def _check_write(self, vals):
        """What a client may change, and when.

        The state and the documents are written by the actions only. Products,
        coops, prices and the rounding rule are set while the order is a draft;
        the cut-off moves while it is open; the delivery date and place until
        the coops are delivered.
        """
        if in_flow(self.env):
            return
        if FLOW_ONLY_FIELDS & vals.keys():
            raise AccessError(
                _("The state of a group order changes through its actions only.")
            )
        for order in self:
            allowed = DRAFT_FIELDS if order.state == "draft" else set()
            if order.state in EDITABLE_STATES:
                allowed = allowed | {"date_cutoff"}
            if order.state not in ("done", "cancel"):
                allowed = allowed | {"date_delivery", "delivery_place"}
            refused = vals.keys() - allowed - MAIL_FIELDS - LINE_FIELDS
            if refused:
                raise UserError(
                    _(
                        "%(order)s can no longer be changed in this state "
                        "(%(fields)s).",
                        order=order.name,
                        fields=", ".join(
                            self._fields[name].get_description(self.env)["string"]
                            for name in sorted(refused)
                        ),
                    )
                )

    def _check_state(self, state):
        self.ensure_one()
        if self.state != state:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                _(
                    "%(order)s is %(state)s: this step needs it %(expected)s.",
                    order=self.name,
                    state=labels[self.state],
                    expected=labels[state],
                )
            )

    def _create_purchase(self):
        lines = self.product_line_ids.filtered(lambda line: line.qty_ordered > 0)
        if not lines:
            raise UserError(_("%(order)s: nothing to order.", order=self.name))
        purchase = self.env["purchase.order"].create(
            {
                "partner_id": self.producer_id.id,
                "company_id": self.company_id.id,
                "origin": self.name,
                "date_planned": self.date_delivery or fields.Datetime.now(),
                "order_line": [
                    Command.create(
                        {
                            "product_id": line.product_id.id,
                            "product_qty": line.qty_ordered,
                            "price_unit": line.producer_price,
                        }
                    )
                    for line in lines
                ],
            }
        )
        purchase.button_confirm()
        self._flow().write({"purchase_id": purchase.id, "state": "ordered"})

    def _cron_reminder_and_close(self):
        """Remind the coops a day before the cut-off; close past cut-offs."""
        now = fields.Datetime.now()
        soon = self.search(
            [
                ("state", "=", "open"),
                ("reminder_sent", "=", False),
                ("date_cutoff", "<=", fields.Datetime.add(now, days=1)),
                ("date_cutoff", ">", now),
            ]
        )
        soon.participant_ids._notify(
            "coop_purchase_centre.mail_template_group_reminder"
        )
        soon._flow().reminder_sent = True
        self.search([("state", "=", "open"), ("date_cutoff", "<=", now)]).action_close()
