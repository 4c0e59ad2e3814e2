# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Coop Shifts",
    "summary": "ABCD shifts, attendance, points and the member status machine",
    "version": "18.0.1.3.0",
    "category": "Cooperative",
    "website": "https://github.com/coop-communs/coop-odoo",
    "author": "Coop Communs",
    "maintainers": ["coop-communs"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "installable": True,
    "depends": ["coop_membership", "mail", "portal"],
    "data": [
        "security/coop_shift_security.xml",
        "security/ir.model.access.csv",
        "data/coop_shift_leave_type_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/coop_shift_template_views.xml",
        "views/coop_shift_views.xml",
        "views/coop_shift_wizard_views.xml",
        "views/coop_shift_registration_views.xml",
        "views/coop_shift_counter_line_views.xml",
        "views/coop_shift_leave_views.xml",
        "views/coop_shift_solidarity_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/coop_shift_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": ["demo/coop_shift_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "coop_shift/static/src/abcd_grid/*",
        ],
        "web.assets_tests": [
            "coop_shift/static/tests/tours/**/*",
        ],
    },
}
