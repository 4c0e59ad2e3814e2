from . import coop_share_import
from . import coop_share_register_wizard
