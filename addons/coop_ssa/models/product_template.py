# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class ProductTemplate(models.Model):
    _name = "product.template"
    _inherit = ["product.template", "coop.ssa.coverage.mixin"]

    ssa_level_id = fields.Many2one(
        string="SSA coverage (own)",
        tracking=True,
        help="Set by a committee decision; wins over the supplier's and the "
        "category's coverage.",
    )
    ssa_effective_level_id = fields.Many2one(
        "coop.ssa.level",
        string="SSA coverage",
        compute="_compute_ssa_effective_level",
        search="_search_ssa_effective_level",
    )
    ssa_decision_id = fields.Many2one(
        "coop.ssa.decision",
        string="SSA decision",
        compute="_compute_ssa_decision",
        help="The applied committee decision the coverage comes from (about the "
        "product, else its category, else its supplier).",
    )
    ssa_review_date = fields.Date(
        string="SSA review date", compute="_compute_ssa_decision"
    )
    ssa_rate = fields.Float(
        string="SSA coverage (%)", compute="_compute_ssa_effective_level"
    )
    ssa_origin = fields.Selection(
        [
            ("local", "Local (under 150 km)"),
            ("regional", "Regional"),
            ("national", "France"),
            ("eu", "European Union"),
            ("world", "Outside the EU"),
        ],
        string="Origin",
    )

    @api.depends(
        "ssa_level_id",
        "categ_id.ssa_level_id",
        "categ_id.parent_id.ssa_level_id",
        "seller_ids.partner_id.ssa_level_id",
    )
    def _compute_ssa_effective_level(self):
        levels = self._ssa_level_by_template(self._origin.ids)
        Level = self.env["coop.ssa.level"]
        for tmpl in self:
            level = tmpl.ssa_level_id or Level.browse(levels.get(tmpl._origin.id))
            tmpl.ssa_effective_level_id = level
            tmpl.ssa_rate = level.rate

    def _search_ssa_effective_level(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise NotImplementedError(operator)
        levels = self._ssa_level_by_template(None)
        values = value if isinstance(value, list | tuple) else [value]
        wanted = {v for v in values if v}
        negate = operator in ("!=", "not in")
        if not wanted:  # "= False" / "!= False"
            ids = list(levels)
            return [("id", "in" if negate else "not in", ids)]
        ids = [tmpl for tmpl, level in levels.items() if level in wanted]
        return [("id", "not in" if negate else "in", ids)]

    def _compute_ssa_decision(self):
        """The latest applied decision about the product, its category or its
        main supplier, in that order (as the coverage itself)."""
        Decision = self.env["coop.ssa.decision"].sudo()
        categs = self.categ_id
        suppliers = self.seller_ids.partner_id.commercial_partner_id
        decisions = Decision.search(
            [
                ("state", "=", "applied"),
                "|",
                "|",
                ("product_tmpl_id", "in", self._origin.ids),
                ("categ_id", "in", categs.ids),
                ("supplier_id", "in", suppliers.ids),
            ],
            order="date desc, id desc",
        )
        for tmpl in self:
            supplier = tmpl.seller_ids[:1].partner_id.commercial_partner_id
            found = (
                decisions.filtered(lambda d, t=tmpl: d.product_tmpl_id == t._origin)
                or decisions.filtered(lambda d, t=tmpl: d.categ_id == t.categ_id)
                or decisions.filtered(lambda d, s=supplier: s and d.supplier_id == s)
            )
            tmpl.ssa_decision_id = found[:1]
            tmpl.ssa_review_date = found[:1].review_date

    @api.model
    def _ssa_level_by_template(self, template_ids):
        """{template id: level id} of the templates' SSA coverage, in one query
        (the rule: :meth:`_ssa_coverage_query`). ``None`` reads every template.
        """
        if template_ids is not None and not template_ids:
            return {}
        where = SQL("t.id IN %s", tuple(template_ids)) if template_ids else SQL("TRUE")
        self.env.flush_all()
        self.env.cr.execute(self._ssa_coverage_query(where))
        return {
            tmpl_id: level_id
            for tmpl_id, level_id in self.env.cr.fetchall()
            if level_id
        }

    @api.model
    def _ssa_coverage_query(self, where):
        """SQL (tmpl_id, level_id) of the templates ``t`` matching ``where``.

        A product's coverage is its own level, else its main supplier's (first
        vendor line), else its category's (nearest up the tree). No level: not
        payable by SSA. One query whatever the number of products.
        """
        return SQL(
            """
            SELECT t.id AS tmpl_id,
                   COALESCE(t.ssa_level_id, sup.level_id, cat.level_id) AS level_id
              FROM product_template t
              LEFT JOIN LATERAL (
                  SELECT cp.ssa_level_id AS level_id
                    FROM product_supplierinfo si
                    JOIN res_partner p ON p.id = si.partner_id
                    JOIN res_partner cp
                      ON cp.id = COALESCE(p.commercial_partner_id, p.id)
                   WHERE si.product_tmpl_id = t.id
                   ORDER BY si.sequence, si.id LIMIT 1
              ) sup ON TRUE
              LEFT JOIN LATERAL (
                  SELECT c.ssa_level_id AS level_id
                    FROM product_category c0
                    JOIN product_category c
                      ON starts_with(c0.parent_path, c.parent_path)
                   WHERE c0.id = t.categ_id AND c.ssa_level_id IS NOT NULL
                   ORDER BY length(c.parent_path) DESC LIMIT 1
              ) cat ON TRUE
             WHERE %s
            """,
            where,
        )


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + ["ssa_rate"]
