from . import test_coop_demo
