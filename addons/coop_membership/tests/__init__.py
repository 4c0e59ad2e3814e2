from . import test_coop_state
from . import test_member
from . import test_member_access
from . import test_household
from . import test_welcome
from . import test_pos_access
