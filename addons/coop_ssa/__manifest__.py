# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Coop Food Allowance (SSA)",
    "summary": "Food-allowance fund paid at the till",
    "version": "18.0.1.0.0",
    "category": "Cooperative",
    "website": "https://github.com/coop-communs/coop-odoo",
    "author": "Coop Communs",
    "maintainers": ["coop-communs"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "installable": True,
    "depends": ["coop_membership", "account", "point_of_sale", "purchase"],
    "data": [],
    "demo": [],
}
