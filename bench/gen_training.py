"""Bench data for coop_training: a year (2025) of training.

For N members, min(N, 500) learners (bench members, ``ref = 'bench-<i>'``)
are enrolled in 50 sessions of 10 half-days (3 courses, internal and external
trainers); each learner follows one session, which gives up to 5,000
attendance lines, 90 % of them signed. Sessions, slots and enrolments go
through the ORM; attendance lines are inserted by one set-based SQL
statement; one posted invoice per session gives the income.
Idempotent: existing sessions are kept, missing lines added.
"""

from datetime import date, datetime, timedelta

SESSIONS = 50
HALF_DAYS = 10
MAX_LEARNERS = 500
TAG = "Bench training session"


def _courses(env):
    Course = env["event.type"]
    courses = Course.search([("name", "like", "Bench course %")], order="name")
    if courses:
        return courses
    return Course.create(
        [
            {
                "name": f"Bench course {i}",
                "coop_is_training": True,
                "coop_duration_hours": 35,
                "coop_nsf_code": nsf,
                "coop_bpf_objective": "other",
            }
            for i, nsf in enumerate(("310", "312", "330"))
        ]
    )


def _trainers(env):
    Employee = env["hr.employee"]
    employees = Employee.search([("name", "like", "Bench trainer %")])
    if not employees:
        employees = Employee.create([{"name": f"Bench trainer {i}"} for i in range(5)])
    externals = env["res.partner"].search([("name", "like", "Bench external %")])
    if not externals:
        externals = env["res.partner"].create(
            [{"name": f"Bench external {i}"} for i in range(3)]
        )
    return employees, externals


def _sessions(env, courses, employees, externals):
    Event = env["event.event"].with_context(tracking_disable=True)
    sessions = Event.create(
        [
            {
                "name": f"{TAG} {i}",
                "event_type_id": courses[i % len(courses)].id,
                "date_begin": datetime(2025, 1, 6) + timedelta(days=7 * i),
                "date_end": datetime(2025, 1, 10, 18) + timedelta(days=7 * i),
                "coop_trainer_employee_ids": [(6, 0, employees[i % 5].ids)],
            }
            for i in range(SESSIONS)
        ]
    )
    slots = []
    for i, session in enumerate(sessions):
        first = date(2025, 1, 6) + timedelta(days=7 * i)
        for h in range(HALF_DAYS):
            morning = h % 2 == 0
            external = externals[i % 3] if h == HALF_DAYS - 1 else None
            slots.append(
                {
                    "event_id": session.id,
                    "date": first + timedelta(days=h // 2),
                    "period": "morning" if morning else "afternoon",
                    "time_start": 9.0 if morning else 13.5,
                    "time_end": 12.5 if morning else 17.0,
                    "module_title": f"Module {h + 1}",
                    "trainer_employee_id": False if external else employees[i % 5].id,
                    "trainer_partner_id": external.id if external else False,
                }
            )
    env["coop.training.slot"].create(slots)
    return sessions


def _learners(env, n):
    Partner = env["res.partner"]
    learners = Partner.search([("ref", "like", "bench-%")], limit=n, order="id")
    if len(learners) < n:
        learners |= Partner.create(
            [{"name": f"Bench learner {i}"} for i in range(n - len(learners))]
        )
    return learners


def _enrol(env, sessions, learners):
    types = ["individual", "job_seeker", "employee", "other"]
    funders = ["individual", "france_travail", "opco_plan", "region"]
    # install_mode: Odoo's own switch that keeps the event mail schedulers
    # (confirmation mails with their PDF) from running for generated data
    env["event.registration"].with_context(
        tracking_disable=True,
        mail_create_nolog=True,
        mail_notrack=True,
        install_mode=True,
    ).create(
        [
            {
                "event_id": sessions[i % len(sessions)].id,
                "partner_id": learner.id,
                "coop_training_state": "confirmed",
                "coop_trainee_type": types[i % 4],
                "coop_funder_type": funders[i % 4],
            }
            for i, learner in enumerate(learners)
        ]
    )


def _insert_attendance(env, sessions):
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO coop_training_attendance
               (registration_id, slot_id, event_id, company_id, slot_date,
                learner_id, state, signed_at, create_date, write_date,
                create_uid, write_uid)
        SELECT r.id, s.id, s.event_id, s.company_id, s.date, r.coop_learner_id,
               CASE WHEN (r.id + s.id) %% 10 = 0 THEN 'absent' ELSE 'present' END,
               CASE WHEN (r.id + s.id) %% 10 = 0 THEN NULL ELSE s.datetime_start END,
               now(), now(), 1, 1
          FROM event_registration r
          JOIN coop_training_slot s ON s.event_id = r.event_id
         WHERE r.event_id = ANY(%s)
        ON CONFLICT DO NOTHING
        """,
        [sessions.ids],
    )
    env.invalidate_all()


def _invoices(env, sessions):
    """One posted invoice per session (2025), a line per funder type."""
    Move = env["account.move"]
    if Move.search_count([("ref", "like", "bench-training-%")]):
        return
    funders = ["individual", "france_travail", "opco_plan", "region"]
    payer = env["res.partner"].search([("name", "=", "Bench external 0")], limit=1)
    moves = Move.create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": payer.id,
                "ref": f"bench-training-{i}",
                "invoice_date": session.date_end.date(),
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "name": session.name,
                            "quantity": 1,
                            "price_unit": 300,
                            "tax_ids": [],
                            "coop_funder_type": funder,
                        },
                    )
                    for funder in funders
                ],
            }
            for i, session in enumerate(sessions)
        ]
    )
    moves.action_post()


def generate(env, n):
    sessions = env["event.event"].search([("name", "like", TAG + " %")])
    if not sessions:
        courses = _courses(env)
        employees, externals = _trainers(env)
        sessions = _sessions(env, courses, employees, externals)
        _enrol(env, sessions, _learners(env, min(n, MAX_LEARNERS)))
    _insert_attendance(env, sessions)
    _invoices(env, sessions)
