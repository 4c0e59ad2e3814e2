from . import coop_training_attendance_correct
from . import coop_training_bpf_line
from . import coop_training_bpf
