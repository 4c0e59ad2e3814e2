# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Coop Governance",
    "summary": "General assemblies: voters, proxies, quorum, ballots, minutes",
    "version": "18.0.1.0.0",
    "category": "Cooperative",
    "website": "https://github.com/coop-communs/coop-odoo",
    "author": "Coop Communs",
    "maintainers": ["coop-communs"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "installable": True,
    "depends": ["coop_membership", "mail", "portal"],
    "data": [
        "security/coop_governance_security.xml",
        "security/ir.model.access.csv",
        "views/coop_assembly_views.xml",
        "views/coop_assembly_door_templates.xml",
        "views/coop_assembly_portal_templates.xml",
        "report/coop_assembly_attendance_report.xml",
        "report/coop_assembly_reports.xml",
        "data/mail_template_data.xml",
        "views/res_config_settings_views.xml",
        "views/coop_working_group_views.xml",
        "views/coop_governance_menus.xml",
    ],
    "demo": ["demo/coop_governance_demo.xml"],
}
