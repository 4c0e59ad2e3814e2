# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Ledger lines written before reasons became codes get their code back.

Until 18.0.1.2.0 a flow stored its reason as text, in the language of whoever
triggered it: "<shift>: Absent" for attendance, "Solidarity service" and
"Solidarity service returned to the pool" for the solidarity pool (English,
or French when a French user acted). 18.0.1.2.0 coded only the lines it
could recognise by their links (cycle debits, gifts still given); here the
remaining ones are recognised by those known texts, so that every reader
sees them in their own language. Hand-written reasons stay as written, and an
attendance line whose registration is gone keeps its text (it names a shift
the code could no longer name).
"""

from openupgradelib import openupgrade

# What the flows stored, per code: the labels of the attendance states and
# the solidarity reasons, in the languages the suite ships (en, fr).
ATTENDANCE_LABELS = {
    "planned": ("Planned", "Prévu"),
    "attended": ("Attended", "Présent·e"),
    "absent": ("Absent", "Absent·e"),
    "excused": ("Excused", "Excusé·e"),
    "cancelled": ("Cancelled", "Annulé"),
    "replaced": ("Replaced", "Remplacé·e"),
}
FLOW_REASONS = {
    "solidarity": ("Solidarity service", "Service solidaire"),
    "solidarity_return": (
        "Solidarity service returned to the pool",
        "Service solidaire remis dans la caisse",
    ),
}


def _code_attendance_lines(cr):
    for state, labels in ATTENDANCE_LABELS.items():
        openupgrade.logged_query(
            cr,
            """
            UPDATE coop_shift_counter_line
               SET reason_code = 'attendance', attendance_state = %(state)s
             WHERE reason_code IS NULL
               AND registration_id IS NOT NULL
               AND NOT COALESCE(manual, FALSE)
               AND reason LIKE ANY(%(endings)s)
            """,
            {"state": state, "endings": [f"%: {label}" for label in labels]},
        )


def _code_solidarity_lines(cr):
    for code, reasons in FLOW_REASONS.items():
        openupgrade.logged_query(
            cr,
            """
            UPDATE coop_shift_counter_line
               SET reason_code = %(code)s
             WHERE reason_code IS NULL
               AND registration_id IS NULL
               AND cycle_date IS NULL
               AND reason IN %(reasons)s
            """,
            {"code": code, "reasons": reasons},
        )


@openupgrade.migrate()
def migrate(env, version):
    _code_attendance_lines(env.cr)
    _code_solidarity_lines(env.cr)
