"""coop_membership 18.0.1.1.0: till override PINs, stored in clear text at
36539da, are hashed into ``coop_pos_pin_hash`` and the clear column is dropped."""

FROM_COMMIT = "36539da"
ADDONS = ["coop_membership"]


def seed(env):
    """Two users with a clear PIN (old column), one without."""
    Users = env["res.users"].with_context(no_reset_password=True)
    users = Users.create(
        [
            {"name": "Migration PIN A", "login": "mig_pin_a", "coop_pos_pin": "1234"},
            {
                "name": "Migration PIN B",
                "login": "mig_pin_b",
                "coop_pos_pin": "98765432",
            },
            {"name": "Migration no PIN", "login": "mig_pin_none"},
        ]
    )
    return {"a": users[0].id, "b": users[1].id, "none": users[2].id}


def check(env, seeded):
    from odoo.addons.coop_membership.models.res_users import PIN_CRYPT

    env.cr.execute(
        "SELECT 1 FROM information_schema.columns"
        " WHERE table_name = 'res_users' AND column_name = 'coop_pos_pin'"
    )
    assert not env.cr.fetchall(), "the clear-text PIN column is still there"
    Users = env["res.users"]
    a, b, none = (Users.browse(seeded[key]) for key in ("a", "b", "none"))
    assert PIN_CRYPT.verify("1234", a.coop_pos_pin_hash), a.coop_pos_pin_hash
    assert PIN_CRYPT.verify("98765432", b.coop_pos_pin_hash), b.coop_pos_pin_hash
    assert not PIN_CRYPT.verify("1234", b.coop_pos_pin_hash)
    assert a.coop_has_pos_pin and not none.coop_has_pos_pin
    assert not none.coop_pos_pin_hash
    assert Users._coop_users_by_pin("1234") == a
