from odoo.tools.translate import load_language


def pre_init_hook(env):
    """Put the company in France and load French, before accounting is installed.

    This module depends on ``base`` only, so Odoo installs it before ``account``
    in the same pass. ``account`` picks its chart of accounts from the company's
    country when it is installed, hence the French chart; French being active,
    every module installed afterwards loads its French terms
    (``load_language`` is what Odoo's ``--load-language`` runs).
    """
    france = env.ref("base.fr")
    company = env.ref("base.main_company")
    company.write({"country_id": france.id, "currency_id": env.ref("base.EUR").id})
    company.partner_id.write(
        {
            "country_id": france.id,
            "city": "Paris",
            "zip": "75011",
            "street": "65 boulevard de Charonne",
        }
    )
    load_language(env.cr, "fr_FR")
