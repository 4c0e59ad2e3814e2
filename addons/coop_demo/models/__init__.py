from . import coop_demo
