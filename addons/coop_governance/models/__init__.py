from . import res_company
from . import res_config_settings
from . import res_partner
from . import coop_assembly_college
from . import coop_assembly
from . import coop_assembly_voter
from . import coop_assembly_resolution
