# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .ssa_flow import ssa_flow

TARGET_FIELD = {
    "product": "product_tmpl_id",
    "category": "categ_id",
    "supplier": "supplier_id",
}


class CoopSsaDecision(models.Model):
    """A conventionnement decision of the fund's committee.

    Applying an approved decision sets (or removes) the coverage level of one
    product, category or supplier; the chatter keeps the history.
    """

    _name = "coop.ssa.decision"
    _description = "SSA committee decision"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(required=True, tracking=True)
    fund_id = fields.Many2one("coop.ssa.fund", tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    review_date = fields.Date(tracking=True)
    target = fields.Selection(
        [
            ("product", "Product"),
            ("category", "Product category"),
            ("supplier", "Supplier"),
        ],
        required=True,
        default="product",
    )
    product_tmpl_id = fields.Many2one("product.template", string="Product")
    categ_id = fields.Many2one("product.category", string="Category")
    supplier_id = fields.Many2one("res.partner", string="Supplier")
    action = fields.Selection(
        [("set", "Set a coverage level"), ("remove", "Remove the coverage")],
        required=True,
        default="set",
    )
    level_id = fields.Many2one("coop.ssa.level", string="Coverage level", tracking=True)
    outcome = fields.Selection(
        [
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("postponed", "Postponed"),
        ],
        tracking=True,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("applied", "Applied")],
        default="draft",
        required=True,
        tracking=True,
    )
    criterion_ids = fields.One2many(
        "coop.ssa.decision.criterion", "decision_id", string="Criteria"
    )
    score_total = fields.Float(compute="_compute_score_total", store=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    note = fields.Html()

    @api.constrains("target", "product_tmpl_id", "categ_id", "supplier_id")
    def _check_target(self):
        for decision in self:
            if not decision[TARGET_FIELD[decision.target]]:
                raise ValidationError(_("Choose what the decision is about."))

    @api.constrains("action", "level_id")
    def _check_level(self):
        if self.filtered(lambda d: d.action == "set" and not d.level_id):
            raise ValidationError(_("Choose the coverage level to set."))

    @api.depends("criterion_ids.score")
    def _compute_score_total(self):
        for decision in self:
            decision.score_total = sum(decision.criterion_ids.mapped("score"))

    def _target_record(self):
        self.ensure_one()
        return self[TARGET_FIELD[self.target]]

    def action_apply(self):
        """Apply approved decisions: write the level on their target.

        The only way a coverage level changes, and for SSA managers only.
        """
        if not self.env.user.has_group("coop_ssa.group_ssa_manager"):
            raise AccessError(_("Only SSA managers may apply committee decisions."))
        self.check_access("write")
        for decision in self:
            if decision.state != "draft" or decision.outcome != "approved":
                raise UserError(_("Only approved draft decisions can be applied."))
            level = decision.level_id if decision.action == "set" else False
            target = decision._target_record()
            # sudo + flow mark: the manager need not edit products or contacts
            # otherwise; only the level of the decision's own target is written.
            ssa_flow(target.sudo()).ssa_level_id = level
            decision.state = "applied"
            decision.message_post(
                body=_(
                    "Coverage of %(target)s set to %(level)s.",
                    target=target.display_name,
                    level=level.name if level else _("none"),
                )
            )
        return True
