# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Coop Purchasing Centre",
    "summary": "Group the orders of several coops to a producer, share out "
    "what arrives",
    "version": "18.0.1.0.0",
    "category": "Cooperative",
    "website": "https://github.com/coop-communs/coop-odoo",
    "author": "Coop Communs",
    "maintainers": ["coop-communs"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "installable": True,
    "depends": ["sale_stock", "purchase_stock", "portal"],
    "data": [
        "security/coop_purchase_centre_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/coop_group_order_views.xml",
        "report/coop_group_order_report_views.xml",
        "views/coop_group_order_participant_views.xml",
        "views/coop_purchase_centre_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": ["demo/coop_purchase_centre_demo.xml"],
}
