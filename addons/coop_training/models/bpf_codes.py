# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Codes of the Bilan pédagogique et financier (cerfa 10443).

Each selection maps a value stored on our records to the BPF line it feeds;
the labels are the wording of the form, the second dictionary gives the line
number printed on the cerfa.
"""

# Cadre C: origin of the training income (excluding VAT).
FUNDER_TYPES = [
    ("company", "C1 - Companies for their employees"),
    ("opco_apprentice", "C2a - OPCO: apprenticeship contracts"),
    ("opco_pro", "C2b - OPCO: professionalisation contracts"),
    ("opco_proa", "C2c - OPCO: Pro-A"),
    ("opco_transition", "C2d - OPCO: professional transition projects"),
    ("cpf", "C2e - Personal training account (CPF)"),
    ("opco_job_seeker", "C2f - Fund managers: job seekers schemes"),
    ("opco_self_employed", "C2g - Fund managers: self-employed workers"),
    ("opco_plan", "C2h - OPCO: skills development plan and others"),
    ("public_staff", "C3 - Public employers for their own staff"),
    ("eu", "C4 - European Union"),
    ("state", "C5 - State"),
    ("region", "C6 - Regional councils"),
    ("france_travail", "C7 - France Travail"),
    ("public_other", "C8 - Other public funds"),
    ("individual", "C9 - Individuals paying for their own training"),
    ("training_body", "C10 - Other training bodies"),
    ("other", "C11 - Other training income"),
]

# Cadre F-1: trainees by type.
TRAINEE_TYPES = [
    ("employee", "F1a - Private-sector employees"),
    ("apprentice", "F1b - Apprentices"),
    ("job_seeker", "F1c - Job seekers"),
    ("individual", "F1d - Individuals at their own expense"),
    ("other", "F1e - Other trainees"),
]

# Cadre F-3: general objective of the training.
OBJECTIVES = [
    ("rncp_6_8", "F3a - RNCP certification, levels 6 to 8"),
    ("rncp_5", "F3a - RNCP certification, level 5"),
    ("rncp_4", "F3a - RNCP certification, level 4"),
    ("rncp_3", "F3a - RNCP certification, level 3"),
    ("rncp_2", "F3a - RNCP certification, level 2"),
    ("rncp_cqp", "F3a - CQP without RNCP level"),
    ("rs", "F3b - Certification registered in the specific register (RS)"),
    ("cqp", "F3c - CQP not registered in the RNCP or the RS"),
    ("other", "F3d - Other professional training"),
    ("bilan", "F3e - Skills assessment"),
    ("vae", "F3f - Validation of acquired experience (VAE)"),
]
