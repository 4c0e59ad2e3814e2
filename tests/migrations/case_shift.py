# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""coop_shift 18.0.1.1.0 -> current: migrations 18.0.1.2.0 and 18.0.1.3.0.

A database made before the ledger reasons became codes: an absence, a cycle
debit, a solidarity gift given, returned and given again, and a hand-written
line, all posted by the old code with the reasons it stored in English. After
the update every line posted by a flow has its code (the French reader reads
"Absent·e", "Service solidaire"), the hand-written line keeps its text, shift
and template names are in the reader's language, and a member with points can
no longer be deleted (the ledger's foreign key restricts); the exchange
settings and counters of 18.0.1.3.0 start at their defaults.
"""

from datetime import date, timedelta

from odoo import Command

FROM_COMMIT = "36539da"
ADDONS = ["coop_shift"]


def _member(env, name, **vals):
    """A member as the old code made one: a share and a welcome session."""
    partner = env["res.partner"].create({"name": name, **vals})
    share_type = env["coop.share.type"].search([], limit=1) or env[
        "coop.share.type"
    ].create({"name": "Migration share", "unit_price": 10})
    env["coop.share.line"].with_context(coop_defer_state_update=True).create(
        {
            "partner_id": partner.id,
            "share_type_id": share_type.id,
            "quantity": 1,
            "operation": "subscription",
        }
    )
    partner.coop_welcome_date = date.today() - timedelta(days=60)
    partner._coop_update_state()
    return partner


def _shift(env, day, template):
    return env["coop.shift"].create(
        {
            "template_id": template.id,
            "date": day,
            "date_begin": f"{day} 08:00:00",
            "date_end": f"{day} 11:00:00",
            "seats_max": 10,
        }
    )


def seed(env):
    day = date.today() - timedelta(days=14)
    template = env["coop.shift.template"].create(
        {
            "week_letter": "A",
            "weekday": str(day.weekday()),
            "start_hour": 9.0,
            "end_hour": 12.0,
            "seat_line_ids": [Command.create({"seats": 10})],
        }
    )
    shift = _shift(env, day, template)
    other = _shift(env, day - timedelta(days=7), template)
    absent, donor = _member(env, "Mig Absent"), _member(env, "Mig Donor")
    Registration = env["coop.shift.registration"]
    standing = Registration.create(
        {"shift_id": shift.id, "partner_id": absent.id, "kind": "standing"}
    )
    standing.action_absent()
    worked = Registration.create(
        {"shift_id": other.id, "partner_id": donor.id, "kind": "extra"}
    )
    worked.action_attended()
    worked.action_donate_solidarity()
    gift = worked.solidarity_ids
    gift.recipient_id = absent
    gift.action_give()
    returned = gift.counter_line_id
    gift.action_return_to_pool()
    gift.recipient_id = absent
    gift.action_give()
    Line = env["coop.shift.counter.line"]
    cycle = Line.create(
        {
            "partner_id": donor.id,
            "points": -1,
            "counter": "flying",
            "reason": "Flying service due for the cycle",
            "cycle_date": day,
        }
    )
    hand = Line.with_context(coop_shift_manual=True).create(
        {"partner_id": absent.id, "points": 1, "reason": "Absent"}
    )
    lines = Line.search([("partner_id", "in", (absent | donor).ids)])
    return {
        "shift": shift.id,
        "template": template.id,
        "absent": absent.id,
        "points": absent.coop_points_standard,
        "attendance": standing.counter_line_ids.id,
        "given_then_returned": returned.id,
        "returned": lines.filtered(
            lambda line: line.reason == "Solidarity service returned to the pool"
        ).id,
        "given": gift.counter_line_id.id,
        "cycle": cycle.id,
        "hand": hand.id,
        "reasons": {str(line.id): line.reason for line in lines},
    }


def check(env, seeded):
    if not env["res.lang"]._lang_get("fr_FR").active:
        env["res.lang"]._activate_lang("fr_FR")
        env["ir.module.module"]._load_module_terms(
            ["base", "coop_membership", "coop_shift"], ["fr_FR"]
        )
    fr = env(context={"lang": "fr_FR"})
    Line = fr["coop.shift.counter.line"]
    codes = {
        "attendance": "attendance",
        "given_then_returned": "solidarity",
        "returned": "solidarity_return",
        "given": "solidarity",
        "cycle": "cycle",
        "hand": False,
    }
    for key, code in codes.items():
        line = Line.browse(seeded[key])
        assert line.reason_code == code, (key, line.reason_code)
        assert line.reason == seeded["reasons"][str(line.id)], key  # text is kept
    shift = fr["coop.shift"].browse(seeded["shift"])
    attendance = Line.browse(seeded["attendance"])
    assert attendance.attendance_state == "absent"
    assert attendance.label == f"{shift.name}: Absent·e", attendance.label
    assert shift.name.endswith(shift.date.strftime("(%d/%m/%Y)")), shift.name
    assert Line.browse(seeded["given"]).label == "Service solidaire"
    assert (
        Line.browse(seeded["returned"]).label
        == "Service solidaire remis dans la caisse"
    )
    assert Line.browse(seeded["hand"]).label == "Absent"
    partner = env["res.partner"].browse(seeded["absent"])
    assert partner.coop_points_standard == seeded["points"]  # no point moved
    # 18.0.1.3.0's exchange settings and counters start at their defaults
    company = env.company
    assert (company.coop_shift_exchange_hours, company.coop_shift_max_changes) == (
        24,
        2,
    )
    assert company.coop_shift_late_cancel_state == "absent"
    registrations = env["coop.shift.registration"].search([])
    assert registrations and set(registrations.mapped("change_count")) == {0}
    env.cr.execute(
        """SELECT c.confdeltype FROM pg_constraint c
            WHERE c.conrelid = 'coop_shift_counter_line'::regclass
              AND c.confrelid = 'res_partner'::regclass"""
    )
    assert env.cr.fetchone()[0] == "r", "the ledger's member is ON DELETE RESTRICT"
