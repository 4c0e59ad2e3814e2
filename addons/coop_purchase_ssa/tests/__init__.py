from . import test_label_ssa
