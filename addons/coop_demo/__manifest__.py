# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Coop Demo",
    "summary": "A demo food coop: company, members-only grocery till, users per role",
    "version": "18.0.1.0.0",
    "category": "Cooperative",
    "website": "https://github.com/coop-communs/coop-odoo",
    "author": "Coop Communs",
    "maintainers": ["coop-communs"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "installable": True,
    "depends": ["coop_membership", "coop_shift", "coop_ssa", "coop_training"],
    # Everything is demo data: installed without demo data, this addon does nothing.
    "data": [],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/pos_demo.xml",
        "demo/res_users_demo.xml",
        "demo/coop_demo_build.xml",
    ],
}
