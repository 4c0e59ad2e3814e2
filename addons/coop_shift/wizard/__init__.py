from . import coop_shift_grid_wizard
from . import coop_shift_grid_wizard_slot
from . import coop_shift_take_wizard
from . import coop_shift_change_team_wizard
from . import coop_shift_walk_in_wizard
