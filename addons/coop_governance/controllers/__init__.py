from . import door
from . import portal
