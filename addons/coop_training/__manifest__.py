# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Coop Training Centre",
    "summary": "Training centre on events: enrolment, signed attendance, French compliance",
    "version": "18.0.1.0.0",
    "category": "Cooperative",
    "website": "https://github.com/coop-communs/coop-odoo",
    "author": "Coop Communs",
    "maintainers": ["coop-communs"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "installable": True,
    "depends": ["coop_membership", "event", "event_sale", "hr_skills", "portal", "survey"],
    "data": [],
    "demo": [],
}
