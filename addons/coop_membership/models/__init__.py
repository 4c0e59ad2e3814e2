from . import coop_qualification
from . import coop_state_change
from . import res_partner
