from . import portal
from . import portal_watch
from . import portal_reminder
