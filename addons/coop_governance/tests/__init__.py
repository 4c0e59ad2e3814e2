from . import test_assembly_voters
