from . import test_coop_state
