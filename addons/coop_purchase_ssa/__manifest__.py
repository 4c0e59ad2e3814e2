# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Coop Purchasing and SSA",
    "summary": "Shelf labels show the product's SSA coverage",
    "version": "18.0.1.0.0",
    "category": "Cooperative",
    "website": "https://github.com/coop-communs/coop-odoo",
    "author": "Coop Communs",
    "maintainers": ["coop-communs"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "installable": True,
    "auto_install": True,
    "depends": ["coop_purchase", "coop_ssa"],
    "data": ["report/coop_shelf_label_report.xml"],
}
