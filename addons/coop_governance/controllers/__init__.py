from . import door
