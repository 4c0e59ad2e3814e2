# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Coop Shifts",
    "summary": "ABCD shifts, attendance, points and the member status machine",
    "version": "18.0.1.0.0",
    "category": "Cooperative",
    "website": "https://github.com/coop-communs/coop-odoo",
    "author": "Coop Communs",
    "maintainers": ["coop-communs"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "installable": True,
    "depends": ["coop_membership", "mail", "portal"],
    "data": [],
    "demo": [],
}
