# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Coop test template: company in France, French",
    "summary": "Installed first in the test and demo template: French chart and terms",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "website": "https://github.com/coop-communs/coop-odoo",
    "author": "Coop Communs",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["base"],
    "pre_init_hook": "pre_init_hook",
}
