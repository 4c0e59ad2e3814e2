from . import coop_assembly_hands
